package org.nrmplatform.identityservice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.nrmplatform.contracts.identity.Role;

/** Commands on organisations, user accounts and API clients. Roles are listed without duplicates. */
public final class IdentityCommands {

    private IdentityCommands() {
    }

    /**
     * @param type             a code of the code list {@code nrm-organisation-type}
     * @param country          ISO 3166-1 alpha-2
     * @param servicesOffered  codes of the code list {@code service-type}; may be empty
     */
    public record RegisterOrganisation(@TargetAggregateIdentifier UUID organisationId, String name, String type,
                                       String country, List<String> servicesOffered) {
    }

    public record ChangeServicesOffered(@TargetAggregateIdentifier UUID organisationId,
                                        List<String> servicesOffered) {
    }

    public record CreateUserAccount(@TargetAggregateIdentifier UUID userId, UUID organisationId, String username,
                                    String displayName, List<Role> roles) {
    }

    public record GrantRole(@TargetAggregateIdentifier UUID userId, Role role) {
    }

    public record RevokeRole(@TargetAggregateIdentifier UUID userId, Role role) {
    }

    public record DeactivateUserAccount(@TargetAggregateIdentifier UUID userId, String reason) {
    }

    /** {@code apiClientId} is the aggregate's id; {@code clientId} the OAuth2 client id systems sign in with. */
    public record RegisterApiClient(@TargetAggregateIdentifier UUID apiClientId, String clientId,
                                    UUID organisationId, List<Role> roles) {
    }

    public record GrantClientRole(@TargetAggregateIdentifier UUID apiClientId, Role role) {
    }

    public record RevokeClientRole(@TargetAggregateIdentifier UUID apiClientId, Role role) {
    }

    /** Revokes the client: the token endpoint refuses it from then on. */
    public record DeactivateApiClient(@TargetAggregateIdentifier UUID apiClientId, String reason) {
    }

    /** Recorded by the sign-in throttle, not sent by a person: too many wrong passwords in a row. */
    public record LockUserAccount(@TargetAggregateIdentifier UUID userId, int failedSignIns, Instant lockedUntil) {
    }

    public record UnlockUserAccount(@TargetAggregateIdentifier UUID userId, String reason) {
    }

    /** Recorded by the sign-in throttle: too many wrong secrets in a row. */
    public record LockApiClient(@TargetAggregateIdentifier UUID apiClientId, int failedSignIns, Instant lockedUntil) {
    }

    public record UnlockApiClient(@TargetAggregateIdentifier UUID apiClientId, String reason) {
    }
}
