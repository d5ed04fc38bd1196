package org.nrmplatform.contracts.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * What happened to organisations, accounts and clients. Who did it (user, client, organisation, roles)
 * and in which request is in each event's metadata, added by the platform from the caller's token.
 * Every account and client event names its organisation, so that a reader of one event knows on whose
 * behalf the holder acts.
 */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    @Revision("1")
    public record OrganisationRegistered(UUID organisationId, String name, String type, String country,
                                         List<String> servicesOffered) {
    }

    /** The complete new list, not a difference. */
    @Revision("1")
    public record ServicesOfferedChanged(UUID organisationId, List<String> servicesOffered) {
    }

    @Revision("1")
    public record UserAccountCreated(UUID userId, UUID organisationId, String username, String displayName,
                                     List<Role> roles) {
    }

    @Revision("1")
    public record RoleGranted(UUID userId, UUID organisationId, Role role) {
    }

    @Revision("1")
    public record RoleRevoked(UUID userId, UUID organisationId, Role role) {
    }

    /** The account can no longer sign in; its history stays. */
    @Revision("1")
    public record UserAccountDeactivated(UUID userId, UUID organisationId, String reason) {
    }

    /**
     * Too many wrong passwords in a row: the account cannot sign in until {@code lockedUntil}, even with the right
     * password, unless an administrator lifts the lock first.
     */
    @Revision("1")
    public record UserAccountLocked(UUID userId, UUID organisationId, int failedSignIns, Instant lockedUntil) {
    }

    /** An administrator lifted the lock before it ended. */
    @Revision("1")
    public record UserAccountUnlocked(UUID userId, UUID organisationId, String reason) {
    }

    @Revision("1")
    public record ApiClientRegistered(UUID apiClientId, String clientId, UUID organisationId, List<Role> roles) {
    }

    @Revision("1")
    public record ApiClientRoleGranted(UUID apiClientId, String clientId, UUID organisationId, Role role) {
    }

    @Revision("1")
    public record ApiClientRoleRevoked(UUID apiClientId, String clientId, UUID organisationId, Role role) {
    }

    /** The client is revoked: no new token is issued to it. */
    @Revision("1")
    public record ApiClientDeactivated(UUID apiClientId, String clientId, UUID organisationId, String reason) {
    }

    /** Too many wrong secrets in a row: no token for the client until {@code lockedUntil}, even with the right one. */
    @Revision("1")
    public record ApiClientLocked(UUID apiClientId, String clientId, UUID organisationId, int failedSignIns,
                                  Instant lockedUntil) {
    }

    /** An administrator lifted the lock before it ended. */
    @Revision("1")
    public record ApiClientUnlocked(UUID apiClientId, String clientId, UUID organisationId, String reason) {
    }
}
