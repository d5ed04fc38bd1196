package org.nrmplatform.caseservice.matching;

import java.time.Instant;
import java.util.List;
import org.nrmplatform.contracts.cases.CaseStage;
import org.springframework.data.annotation.Id;

/**
 * A case's entry in the blind index: its person as digests only ({@link BlindIndex}), and what a possible match
 * may name of the case (its id, stage, organisations, dates), which is not personal data.
 *
 * @param linked    the cases linked to this one as the same person
 * @param dismissed the possible matches dismissed as another person
 */
record IndexedPerson(@Id String caseId, BlindIndex index, String openingOrganisationId,
                     String responsibleOrganisationId, CaseStage stage, Instant openedAt, Instant closedAt,
                     List<String> linked, List<String> dismissed) {

    static final String COLLECTION = "person_index";

    IndexedPerson {
        linked = linked == null ? List.of() : List.copyOf(linked);
        dismissed = dismissed == null ? List.of() : List.copyOf(dismissed);
    }

    /** The organisation that works the case: the responsible one once there is one, else the one that opened it. */
    String organisationId() {
        return responsibleOrganisationId != null ? responsibleOrganisationId : openingOrganisationId;
    }
}
