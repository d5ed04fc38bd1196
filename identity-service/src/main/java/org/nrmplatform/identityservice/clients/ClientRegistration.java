package org.nrmplatform.identityservice.clients;

import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.identityservice.IdentityCommands.RegisterApiClient;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.credentials.Credentials;
import org.nrmplatform.identityservice.credentials.Enrolment;
import org.nrmplatform.identityservice.credentials.NameReservations;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Registers API clients: the client id is reserved and the secret's hash stored before the client's event
 * is recorded. Also the way from a client id to its aggregate, through the reservation (consistent as soon
 * as the client is registered, unlike the views).
 */
@Component
public class ClientRegistration {

    /** The platform's own public client, through which people sign in. */
    public static final String CLI_CLIENT_ID = "nrm-cli";

    private final Enrolment enrolment;
    private final NameReservations reservations;

    ClientRegistration(Enrolment enrolment, NameReservations reservations) {
        this.enrolment = enrolment;
        this.reservations = reservations;
    }

    /** @param secret the secret the client will authenticate with; only its hash is kept */
    public ClientStatus register(RegisterApiClient command, String secret) {
        if (CLI_CLIENT_ID.equals(command.clientId())) {
            throw RuleViolation.stateDoesNotAllow("the client id '" + CLI_CLIENT_ID + "' is the platform's own");
        }
        RegisterApiClient normalised = new RegisterApiClient(command.apiClientId(), command.clientId(),
                command.organisationId(), command.roles().stream().distinct().sorted(Comparator.naturalOrder()).toList());
        enrolment.enrol(NameReservations.Kind.CLIENT_ID, command.clientId(), command.apiClientId(),
                Credentials.Kind.CLIENT_SECRET, secret, normalised, ClientRegistration::registeredAs);
        return new ClientStatus(command.apiClientId(), command.clientId(), command.organisationId(),
                normalised.roles().stream().map(Role::code).toList(), true, 0L);
    }

    public Optional<UUID> apiClientId(String clientId) {
        return reservations.holder(NameReservations.Kind.CLIENT_ID, clientId);
    }

    private static Object registeredAs(Object event) {
        return event instanceof ApiClientRegistered e
                ? new RegisterApiClient(e.apiClientId(), e.clientId(), e.organisationId(), e.roles())
                : null;
    }
}
