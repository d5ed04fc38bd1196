package org.nrmplatform.caseservice.erasure;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.springframework.stereotype.Component;

/**
 * Destroys the key of every erased subject, from the {@code SubjectErased} events in the store: the erasure
 * endpoint destroys it right after recording the event, and this processor makes sure it happens even if
 * that step failed or the service stopped in between. Destroying is idempotent, so a replay is harmless.
 */
@Component
@ProcessingGroup(SubjectKeyDestruction.NAME)
class SubjectKeyDestruction {

    static final String NAME = "subject-key-destruction";

    private final SubjectKeys keys;

    SubjectKeyDestruction(SubjectKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(SubjectErased event) {
        keys.destroy(event.caseId().toString());
    }
}
