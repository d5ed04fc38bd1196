package org.nrmplatform.identityservice.views;

import java.time.Instant;
import java.util.List;

/** An API client as administrators see it and the token endpoint reads it; roles are role codes. No secret here. */
public record ClientView(String id, long version, String clientId, String organisationId, List<String> roles,
                         boolean active, Instant registeredAt, Instant deactivatedAt, Instant lastChangedAt) {
}
