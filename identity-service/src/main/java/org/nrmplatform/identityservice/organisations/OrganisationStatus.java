package org.nrmplatform.identityservice.organisations;

import java.util.List;
import java.util.UUID;

/** What a write on an organisation answers: the organisation as it now stands, and its version. */
public record OrganisationStatus(UUID organisationId, String name, String type, String country,
                                 List<String> servicesOffered, Long version) {
}
