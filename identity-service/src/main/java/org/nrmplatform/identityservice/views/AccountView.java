package org.nrmplatform.identityservice.views;

import java.time.Instant;
import java.util.List;

/** A user account as administrators see it and sign-in reads it; roles are role codes. No credential here. */
public record AccountView(String id, long version, String organisationId, String username, String displayName,
                          List<String> roles, boolean active, Instant createdAt, Instant deactivatedAt,
                          Instant lastChangedAt) {
}
