package org.nrmplatform.referralservice.knowncases;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;

/**
 * What referral-service knows of a case, from case events: whether it is open, who may refer it, and the
 * consents that are in force. {@code version} is the sequence number of the last case event applied.
 */
public record CaseState(String id, long version, boolean closed, AgeCategory ageCategory,
                        String openingOrganisationId, String responsibleOrganisationId,
                        Map<String, Consent> consents) {

    public static final String COLLECTION = "case_states";
    /** Consent purposes (code list {@code consent-purpose}) that referral-service checks. */
    public static final String REFERRAL = "REFERRAL";
    public static final String TRANSNATIONAL_REFERRAL = "TRANSNATIONAL_REFERRAL";

    /** {@code serviceTypes} empty: every service of the purposes given. */
    public record Consent(List<String> purposes, List<String> serviceTypes,
                          String recipientOrganisationId, boolean active) {

        boolean covers(String purpose, String recipientOrganisationId, String serviceType) {
            return active && purposes.contains(purpose)
                    && recipientOrganisationId.equals(this.recipientOrganisationId)
                    && (serviceTypes.isEmpty() || serviceTypes.contains(serviceType));
        }
    }

    /**
     * Mirrors case-service's rule for who acts on a case: first-line professionals of the organisation that
     * opened it, case managers of that organisation or of the one responsible for it.
     */
    public boolean mayBeReferredBy(Actor actor) {
        String organisation = actor.organisationId();
        return actor.has(Role.FIRST_LINE) && organisation.equals(openingOrganisationId)
                || actor.has(Role.CASE_MANAGER) && (organisation.equals(responsibleOrganisationId)
                || organisation.equals(openingOrganisationId));
    }

    /** An active consent for {@code purpose} to disclose to the recipient for the service, other than {@code excluded}. */
    public Optional<UUID> consentCovering(String purpose, String recipientOrganisationId, String serviceType,
                                          Set<UUID> excluded) {
        return consents.entrySet().stream()
                .filter(entry -> !excluded.contains(UUID.fromString(entry.getKey())))
                .filter(entry -> entry.getValue().covers(purpose, recipientOrganisationId, serviceType))
                .map(entry -> UUID.fromString(entry.getKey()))
                .sorted()
                .findFirst();
    }
}
