package org.nrmplatform.caseservice.actionplan;

import java.util.UUID;

/**
 * What a write on a plan answers: the plan, the objective, activity or indicator it added or reported on (null
 * for a progress report), and the version the write made (for a read after it).
 */
public record ActionPlanState(UUID planId, UUID id, long version) {
}
