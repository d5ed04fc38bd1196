package org.nrmplatform.caseservice.timetravel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.caseservice.views.CaseQueries.FindCase;
import org.nrmplatform.caseservice.views.CaseView;
import org.nrmplatform.caseservice.views.VisibleCase;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.domain.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * A case as it stood at an instant, rebuilt from its own events in the event store (from sequence 0, not
 * from a snapshot). Who may see it is decided on the case as it is now, through the same query as
 * {@code GET /api/cases/{caseId}}: someone who may not see the case today learns nothing of its past, and
 * each actor sees of the past only the fields of the view that answers it today.
 */
@Component
class CaseAsOf {

    private final EventStorageEngine events;
    private final QueryGateway queries;
    private final PersonalData personalData;
    private final PersonalDataReads reads;
    private final Clock clock;

    CaseAsOf(EventStorageEngine events, QueryGateway queries, PersonalData personalData, PersonalDataReads reads, Clock clock) {
        this.clock = clock;
        this.events = events;
        this.queries = queries;
        this.personalData = personalData;
        this.reads = reads;
    }

    /** The case at {@code at} as {@code actor} may see it; empty when there is no such case for the actor. */
    Optional<VisibleCase> find(UUID caseId, Instant at, Actor actor) {
        if (at.isAfter(clock.instant())) {
            throw RuleViolation.ruleNotMet("at", "'at' is in the future: " + at + "; the past only can be shown");
        }
        Optional<VisibleCase> now = queries.query(new FindCase(caseId, actor),
                ResponseTypes.optionalInstanceOf(VisibleCase.class)).join();
        if (now.isEmpty()) {
            return Optional.empty();
        }
        List<? extends DomainEventMessage<?>> stream = events.readEvents(caseId.toString(), 0).asStream().toList();
        CaseView then = CaseReplay.replay(stream.stream().filter(event -> !event.getTimestamp().isAfter(at)).toList(),
                personalData.reading());
        if (then == null) {
            throw RuleViolation.ruleNotMet("at", "the case did not exist yet at " + at
                    + (stream.isEmpty() ? "" : "; it was opened at " + stream.get(0).getTimestamp()));
        }
        reads.record(caseId, "as-of", actor);
        return Optional.of(asSeenNow(then, now.get()));
    }

    /** The past state in the shape of the view that answers the actor today: the same fields, no more. */
    private static VisibleCase asSeenNow(CaseView then, VisibleCase now) {
        if (now instanceof CaseView) {
            return then;
        }
        if (now instanceof CaseView.IdentificationCase) {
            return then.forIdentificationAuthority();
        }
        if (now instanceof CaseView.FirstLineCase) {
            return then.forFirstLine();
        }
        return then.referred();
    }
}
