package org.nrmplatform.referralservice.standards;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Answers the questions about providers' standings over the query bus, the compliance status and whether corrective
 * actions are overdue decided at the moment of asking (today, by the service's clock).
 */
@Component
@EnableConfigurationProperties(StandardsProperties.class)
public class ProviderStandings {

    /** One provider's standing with its compliance; {@code overdueActions} those open past their due day. */
    public record Standing(ProviderStanding recorded, Compliance compliance, List<String> overdueActions,
                           String latestVisitOn, Integer standardsVersion) {
    }

    public record FindStanding(String organisationId) {
    }

    /** Every recorded provider's standing, by organisation id. */
    public record AllStandings() {
    }

    public record StandingMap(Map<String, Standing> byOrganisation) {
    }

    /** Licences expiring within the alert lead time (and those expired), soonest first. */
    public record ExpiringLicences() {
    }

    public record ExpiringLicence(String organisationId, ProviderStanding.Licence licence, boolean expired) {
    }

    public record ExpiringList(LocalDate asOf, String alertBefore, List<ExpiringLicence> items) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final StandardsProperties properties;

    ProviderStandings(MongoTemplate mongo, Clock clock, StandardsProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    @QueryHandler
    Optional<Standing> handle(FindStanding query) {
        return Optional.ofNullable(mongo.findById(query.organisationId(), ProviderStanding.class,
                ProviderStanding.COLLECTION)).map(this::standing);
    }

    @QueryHandler
    StandingMap handle(AllStandings query) {
        return new StandingMap(mongo.findAll(ProviderStanding.class, ProviderStanding.COLLECTION).stream()
                .map(this::standing).collect(Collectors.toMap(s -> s.recorded().id(), Function.identity())));
    }

    @QueryHandler
    ExpiringList handle(ExpiringLicences query) {
        LocalDate today = LocalDate.now(clock);
        String horizon = today.plusDays(properties.licenceAlertBefore().toDays()).toString();
        List<ExpiringLicence> items = mongo.find(new Query(where("licences.expiresOn").lte(horizon)),
                        ProviderStanding.class, ProviderStanding.COLLECTION).stream()
                .flatMap(s -> s.licences().stream().filter(l -> l.expiresOn().compareTo(horizon) <= 0)
                        .map(l -> new ExpiringLicence(s.id(), l, LocalDate.parse(l.expiresOn()).isBefore(today))))
                .sorted(Comparator.comparing((ExpiringLicence e) -> e.licence().expiresOn()))
                .toList();
        return new ExpiringList(today, properties.licenceAlertBefore().toString(), items);
    }

    private Standing standing(ProviderStanding recorded) {
        LocalDate today = LocalDate.now(clock);
        Optional<ProviderStanding.Visit> latest = Compliance.latestVisit(recorded);
        return new Standing(recorded, Compliance.of(recorded, today), recorded.correctiveActions().stream()
                .filter(a -> Compliance.overdue(a, today)).map(ProviderStanding.CorrectiveAction::actionId).toList(),
                latest.map(ProviderStanding.Visit::visitedOn).orElse(null),
                latest.map(ProviderStanding.Visit::standardsVersion).orElse(null));
    }
}
