package org.nrmplatform.referralservice.standards;

import java.util.UUID;

/** The answer to a write: the provider, the licence, visit, action or funding recorded (if any), the stream's version. */
public record ServiceProviderState(UUID organisationId, UUID recordedId, long version) {
}
