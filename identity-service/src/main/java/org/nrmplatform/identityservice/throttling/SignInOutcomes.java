package org.nrmplatform.identityservice.throttling;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.identityservice.IdentityCommands.LockApiClient;
import org.nrmplatform.identityservice.IdentityCommands.LockUserAccount;
import org.nrmplatform.identityservice.views.AccountView;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccountByUsername;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the sign-in throttle learns from each attempt: a wrong secret or password counts against its client id or
 * user name (the back-off, and at {@code lock-after} failures in a row the lock, recorded as an event of the
 * account or client) and against its source address; a success forgets the name's failures.
 */
@Component
class SignInOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SignInOutcomes.class);

    private final FailedSignIns failures;
    private final ProxyManager<String> buckets;
    private final ThrottlingProperties properties;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final RegisteredClientRepository clients;
    private final Clock clock;

    SignInOutcomes(FailedSignIns failures, ProxyManager<String> signInBuckets, ThrottlingProperties properties,
                   CommandGateway commands, QueryGateway queries, RegisteredClientRepository clients,
                   Clock clock) {
        this.failures = failures;
        this.buckets = signInBuckets;
        this.properties = properties;
        this.commands = commands;
        this.queries = queries;
        this.clients = clients;
        this.clock = clock;
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        // not a refusal: a manager without a provider for that kind of sign-in, whose child manager has one
        if (failure instanceof AuthenticationFailureProviderNotFoundEvent) {
            return;
        }
        Optional<String> name = nameOf(failure.getAuthentication());
        if (name.isEmpty()) {
            return;
        }
        sourceAddress().ifPresent(address ->
                SignInThrottle.addressFailures(buckets, properties, address).tryConsume(1));
        int inARow = failures.failed(name.get());
        if (inARow == properties.lockAfter()) {
            lock(name.get(), failure.getAuthentication(), inARow);
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent success) {
        nameOf(success.getAuthentication()).ifPresent(failures::forget);
    }

    /**
     * Only known accounts and clients are locked, as the sign-in sees them (active, in the views): the lock is
     * theirs to record, and theirs to have lifted. The platform's own clients (nrm-cli, nrm-web) are not
     * aggregates: the command finds nothing and they keep their back-off.
     */
    private void lock(String name, Object attempt, int inARow) {
        Instant until = clock.instant().plus(properties.lockFor());
        Optional<Object> command = attempt instanceof UsernamePasswordAuthenticationToken password
                ? queries.query(new FindAccountByUsername(password.getName()),
                                ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                        .filter(AccountView::active)
                        .map(account -> new LockUserAccount(UUID.fromString(account.id()), inARow, until))
                : Optional.ofNullable(clients.findByClientId(
                                ((OAuth2ClientAuthenticationToken) attempt).getPrincipal().toString()))
                        .map(client -> new LockApiClient(UUID.fromString(client.getId()), inARow, until));
        if (command.isEmpty()) {
            return; // an unknown name keeps its back-off
        }
        try {
            commands.sendAndWait(command.get());
            failures.lock(name, until);
            log.warn("{} locked until {} after {} failed sign-ins in a row", name, until, inARow);
        } catch (RuntimeException notLocked) {
            // a deactivated client, say: it cannot sign in anyway; the back-off stays
            log.info("{} not locked: {}", name, notLocked.toString());
        }
    }

    /** The user name of a password sign-in, or the client id of a client that sent a secret. */
    private static Optional<String> nameOf(Object attempt) {
        if (attempt instanceof UsernamePasswordAuthenticationToken password) {
            return Optional.of(FailedSignIns.user(password.getName()));
        }
        if (attempt instanceof OAuth2ClientAuthenticationToken client
                && (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(client.getClientAuthenticationMethod())
                || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(client.getClientAuthenticationMethod()))) {
            Object clientId = client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId()
                    : client.getPrincipal();
            return Optional.of(FailedSignIns.client(clientId.toString()));
        }
        return Optional.empty();
    }

    private static Optional<String> sourceAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet
                ? Optional.of(servlet.getRequest()).map(HttpServletRequest::getRemoteAddr) : Optional.empty();
    }
}
