package org.nrmplatform.caseservice.cases;

import java.util.UUID;
import org.nrmplatform.contracts.cases.CaseStage;

/** What a write answers: the case, its resulting stage, whether it is closed, and its new version. */
public record CaseStatus(UUID caseId, CaseStage stage, boolean closed, Long version) {
}
