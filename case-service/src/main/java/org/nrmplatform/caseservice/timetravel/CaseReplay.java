package org.nrmplatform.caseservice.timetravel;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.nrmplatform.caseservice.views.CaseView;
import org.nrmplatform.shared.privacy.PersonalData;

/**
 * A case's own events folded, in memory, by the same fold as the aggregate and the case views
 * ({@link CaseFile}), then opened for one answer. Referrals are other aggregates' events and are not
 * replayed: {@code activeReferrals} stays null, meaning "not reconstructed".
 */
final class CaseReplay {

    private CaseReplay() {
    }

    /** The case after the given events, in their order, opened; null when they do not open a case. */
    static CaseView replay(List<? extends DomainEventMessage<?>> events, PersonalData.Reading reading) {
        CaseFile file = null;
        for (DomainEventMessage<?> event : events) {
            file = CaseFile.fold(file, event.getPayload(),
                    new CaseFile.EventMeta(event.getSequenceNumber(), event.getTimestamp()));
        }
        return file == null ? null : CaseView.opened(file, null, reading);
    }
}
