package org.nrmplatform.identityservice.clients;

import java.util.List;
import java.util.UUID;

/** What a write on an API client answers: its roles (codes) and state after it, and its version. */
public record ClientStatus(UUID apiClientId, String clientId, UUID organisationId, List<String> roles,
                           boolean active, Long version) {
}
