package org.nrmplatform.contracts.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to organisations, accounts and clients. Who did it (user, client, organisation, roles)
 * and in which request is in each event's metadata, added by the platform from the caller's token.
 * Every account and client event names its organisation, so that a reader of one event knows on whose
 * behalf the holder acts.
 */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    public record OrganisationRegistered(UUID organisationId, String name, String type, String country,
                                         List<String> servicesOffered) {
    }

    /** The complete new list, not a difference. */
    public record ServicesOfferedChanged(UUID organisationId, List<String> servicesOffered) {
    }

    public record UserAccountCreated(UUID userId, UUID organisationId, String username, String displayName,
                                     List<Role> roles) {
    }

    public record RoleGranted(UUID userId, UUID organisationId, Role role) {
    }

    public record RoleRevoked(UUID userId, UUID organisationId, Role role) {
    }

    /** The account can no longer sign in; its history stays. */
    public record UserAccountDeactivated(UUID userId, UUID organisationId, String reason) {
    }

    /**
     * Too many wrong passwords in a row: the account cannot sign in until {@code lockedUntil}, even with the right
     * password, unless an administrator lifts the lock first.
     */
    public record UserAccountLocked(UUID userId, UUID organisationId, int failedSignIns, Instant lockedUntil) {
    }

    /** An administrator lifted the lock before it ended. */
    public record UserAccountUnlocked(UUID userId, UUID organisationId, String reason) {
    }

    public record ApiClientRegistered(UUID apiClientId, String clientId, UUID organisationId, List<Role> roles) {
    }

    public record ApiClientRoleGranted(UUID apiClientId, String clientId, UUID organisationId, Role role) {
    }

    public record ApiClientRoleRevoked(UUID apiClientId, String clientId, UUID organisationId, Role role) {
    }

    /** The client is revoked: no new token is issued to it. */
    public record ApiClientDeactivated(UUID apiClientId, String clientId, UUID organisationId, String reason) {
    }

    /** Too many wrong secrets in a row: no token for the client until {@code lockedUntil}, even with the right one. */
    public record ApiClientLocked(UUID apiClientId, String clientId, UUID organisationId, int failedSignIns,
                                  Instant lockedUntil) {
    }

    /** An administrator lifted the lock before it ended. */
    public record ApiClientUnlocked(UUID apiClientId, String clientId, UUID organisationId, String reason) {
    }
}
