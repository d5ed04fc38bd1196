package org.nrmplatform.identityservice.authorization;

import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.credentials.Credentials;
import org.nrmplatform.identityservice.views.AccountView;
import org.nrmplatform.identityservice.views.IdentityQueries.FindAccountByUsername;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's accounts: the account view and the stored password hash. A deactivated account is
 * disabled, so its sign-in fails even with the right password.
 */
@Component
class AccountSignIn implements UserDetailsService {

    private final QueryGateway queries;
    private final Credentials credentials;

    AccountSignIn(QueryGateway queries, Credentials credentials) {
        this.queries = queries;
        this.credentials = credentials;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AccountView account = queries.query(new FindAccountByUsername(username),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
        String hash = credentials.hash(UUID.fromString(account.id()))
                .orElseThrow(() -> new UsernameNotFoundException("No password for account " + username));
        return User.withUsername(account.username())
                .password(hash)
                .disabled(!account.active())
                .authorities(account.roles().stream().map(Role::fromCode).flatMap(Optional::stream)
                        .map(Role::authority).toArray(String[]::new))
                .build();
    }
}
