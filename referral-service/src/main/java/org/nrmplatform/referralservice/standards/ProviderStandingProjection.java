package org.nrmplatform.referralservice.standards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionDone;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionRaised;
import org.nrmplatform.contracts.providers.ProviderEvents.FundingRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceExpiryAlerted;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.MonitoringVisitRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.ServiceCapacityRecorded;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@value ProviderStanding#COLLECTION} from the providers' streams. Each event is applied to the stored
 * document only if the document is older than the event (its sequence number), so an event delivered again
 * changes nothing; a provider's events are handled in order by one processor thread.
 */
@Component
@ProcessingGroup("provider-standing")
class ProviderStandingProjection {

    private final MongoTemplate mongo;

    ProviderStandingProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ServiceCapacityRecorded event, @SequenceNumber long sequence) {
        change(event.organisationId(), sequence, s -> with(s, replaced(s.services(),
                service -> service.serviceType().equals(event.serviceType()),
                new ProviderStanding.Service(event.serviceType(), event.region(), event.places(), event.staff())),
                s.licences(), s.visits(), s.correctiveActions(), s.funding()));
    }

    @EventHandler
    void on(LicenceRecorded event, @SequenceNumber long sequence) {
        String id = event.licenceId().toString();
        change(event.organisationId(), sequence, s -> with(s, s.services(), replaced(s.licences(),
                licence -> licence.licenceId().equals(id), new ProviderStanding.Licence(id, event.kind().name(),
                        event.reference(), event.issuedBy(), event.expiresOn().toString(), null)),
                s.visits(), s.correctiveActions(), s.funding()));
    }

    @EventHandler
    void on(LicenceExpiryAlerted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.licenceId().toString();
        change(event.organisationId(), sequence, s -> with(s, s.services(), s.licences().stream()
                .map(l -> l.licenceId().equals(id) && l.expiresOn().equals(event.expiresOn().toString())
                        ? new ProviderStanding.Licence(l.licenceId(), l.kind(), l.reference(), l.issuedBy(),
                        l.expiresOn(), at) : l).toList(), s.visits(), s.correctiveActions(), s.funding()));
    }

    @EventHandler
    void on(MonitoringVisitRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ProviderStanding.Visit visit = new ProviderStanding.Visit(event.visitId().toString(),
                event.visitedOn().toString(), event.standardsId(), event.standardsVersion(), event.findings().stream()
                .map(f -> new ProviderStanding.Finding(f.item(), f.rating().name(), f.note())).toList(), at);
        change(event.organisationId(), sequence, s -> with(s, s.services(), s.licences(),
                added(s.visits(), visit), s.correctiveActions(), s.funding()));
    }

    @EventHandler
    void on(CorrectiveActionRaised event, @SequenceNumber long sequence) {
        ProviderStanding.CorrectiveAction action = new ProviderStanding.CorrectiveAction(event.actionId().toString(),
                event.visitId().toString(), event.item(), event.description(), event.dueOn().toString(), "OPEN",
                null, null);
        change(event.organisationId(), sequence, s -> with(s, s.services(), s.licences(), s.visits(),
                added(s.correctiveActions(), action), s.funding()));
    }

    @EventHandler
    void on(CorrectiveActionDone event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.actionId().toString();
        change(event.organisationId(), sequence, s -> with(s, s.services(), s.licences(), s.visits(),
                s.correctiveActions().stream().map(a -> a.actionId().equals(id)
                        ? new ProviderStanding.CorrectiveAction(a.actionId(), a.visitId(), a.item(), a.description(),
                        a.dueOn(), "DONE", at, event.note()) : a).toList(), s.funding()));
    }

    @EventHandler
    void on(FundingRecorded event, @SequenceNumber long sequence) {
        ProviderStanding.Funding funding = new ProviderStanding.Funding(event.fundingId().toString(),
                event.amount(), event.currency(), event.periodFrom().toString(), event.periodTo().toString(),
                event.funder());
        change(event.organisationId(), sequence, s -> with(s, s.services(), s.licences(), s.visits(),
                s.correctiveActions(), added(s.funding(), funding)));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ProviderStanding.COLLECTION);
    }

    private void change(UUID organisationId, long sequence, UnaryOperator<ProviderStanding> change) {
        String id = organisationId.toString();
        ProviderStanding stored = mongo.findById(id, ProviderStanding.class, ProviderStanding.COLLECTION);
        ProviderStanding current = stored == null ? ProviderStanding.empty(id) : stored;
        if (current.version() >= sequence) {
            return;
        }
        ProviderStanding changed = change.apply(current);
        mongo.save(new ProviderStanding(id, sequence, changed.services(), changed.licences(), changed.visits(),
                changed.correctiveActions(), changed.funding()), ProviderStanding.COLLECTION);
    }

    private static ProviderStanding with(ProviderStanding s, List<ProviderStanding.Service> services,
                                         List<ProviderStanding.Licence> licences, List<ProviderStanding.Visit> visits,
                                         List<ProviderStanding.CorrectiveAction> actions,
                                         List<ProviderStanding.Funding> funding) {
        return new ProviderStanding(s.id(), s.version(), services, licences, visits, actions, funding);
    }

    private static <T> List<T> replaced(List<T> items, java.util.function.Predicate<T> same, T item) {
        return Stream.concat(items.stream().filter(same.negate()), Stream.of(item)).toList();
    }

    private static <T> List<T> added(List<T> items, T item) {
        List<T> all = new ArrayList<>(items);
        all.add(item);
        return all;
    }
}
