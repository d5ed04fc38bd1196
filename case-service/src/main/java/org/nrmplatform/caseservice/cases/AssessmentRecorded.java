package org.nrmplatform.caseservice.cases;

import java.util.UUID;
import org.nrmplatform.contracts.cases.AssessmentResult;

/** What recording an indicator assessment answers: its result, and the case's resulting status. */
public record AssessmentRecorded(UUID caseId, UUID assessmentId, AssessmentResult result, CaseStatus status) {
}
