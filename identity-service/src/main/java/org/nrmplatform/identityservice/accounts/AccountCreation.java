package org.nrmplatform.identityservice.accounts;

import org.nrmplatform.identityservice.IdentityCommands.CreateUserAccount;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountCreated;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.identityservice.credentials.Credentials;
import org.nrmplatform.identityservice.credentials.Enrolment;
import org.nrmplatform.identityservice.credentials.NameReservations;
import org.nrmplatform.identityservice.credentials.PasswordPolicy;
import org.springframework.stereotype.Component;

/**
 * Creates an account with its password: the policy first, then the username is reserved and the password
 * hash stored before the account's event is recorded. A repeat with the same id and content is answered
 * as the first.
 */
@Component
public class AccountCreation {

    private final PasswordPolicy policy;
    private final Enrolment enrolment;

    AccountCreation(PasswordPolicy policy, Enrolment enrolment) {
        this.policy = policy;
        this.enrolment = enrolment;
    }

    public AccountStatus create(CreateUserAccount command, String password) {
        policy.check(command.username(), password);
        return enrol(command, password);
    }

    /**
     * For the demo NRM only: its passwords are fixed and published in the README (and contain the username),
     * so the policy, which guards real accounts, does not apply to them.
     */
    public AccountStatus createDemo(CreateUserAccount command, String password) {
        return enrol(command, password);
    }

    private AccountStatus enrol(CreateUserAccount command, String password) {
        CreateUserAccount normalised = new CreateUserAccount(command.userId(), command.organisationId(),
                command.username(), command.displayName(), UserAccount.ordered(command.roles()));
        enrolment.enrol(NameReservations.Kind.USERNAME, command.username(), command.userId(),
                Credentials.Kind.PASSWORD, password, normalised, AccountCreation::createdAs);
        return new AccountStatus(command.userId(), command.organisationId(), command.username(),
                normalised.roles().stream().map(Role::code).toList(), true, 0L);
    }

    private static Object createdAs(Object event) {
        return event instanceof UserAccountCreated e
                ? new CreateUserAccount(e.userId(), e.organisationId(), e.username(), e.displayName(), e.roles())
                : null;
    }
}
