package org.nrmplatform.identityservice.accounts;

import java.util.List;
import java.util.UUID;

/** What a write on a user account answers: the account's roles (codes) and state after it, and its version. */
public record AccountStatus(UUID userId, UUID organisationId, String username, List<String> roles, boolean active,
                            Long version) {
}
