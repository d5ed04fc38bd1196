package org.nrmplatform.identityservice.views;

import java.time.Instant;
import java.util.List;

/** An organisation as the directory lists it. {@code version} is the sequence number of the last event applied. */
public record OrganisationView(String id, long version, String name, String type, String country,
                               List<String> servicesOffered, Instant registeredAt, Instant lastChangedAt) {
}
