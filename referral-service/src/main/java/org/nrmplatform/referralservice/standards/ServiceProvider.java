package org.nrmplatform.referralservice.standards;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.contracts.providers.FindingRating;
import org.nrmplatform.contracts.providers.ProviderEvents;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionDone;
import org.nrmplatform.contracts.providers.ProviderEvents.CorrectiveActionRaised;
import org.nrmplatform.contracts.providers.ProviderEvents.Finding;
import org.nrmplatform.contracts.providers.ProviderEvents.FundingRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceExpiryAlerted;
import org.nrmplatform.contracts.providers.ProviderEvents.LicenceRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.MonitoringVisitRecorded;
import org.nrmplatform.contracts.providers.ProviderEvents.ServiceCapacityRecorded;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.FindingEntry;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RaiseCorrectiveAction;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordCorrectiveActionDone;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordFunding;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordLicence;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordMonitoringVisit;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.RecordServiceCapacity;
import org.nrmplatform.referralservice.standards.ServiceProviderCommands.WarnOfLicenceExpiry;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A service provider's standards and capacity, on a stream of its own beside the organisation's (identity-service
 * keeps the organisation and the services it offers; this keeps how much of each, and how well): services with
 * their places and staff, licences with their expiry and one alert per expiry, monitoring visits assessed against
 * a version of the minimum service standards, corrective actions raised on a visit's shortfall and recorded done,
 * and public funding. Created by its first command. Who may act is the API's rule (administrator, monitor, the
 * provider itself for its own corrective actions).
 */
@Aggregate
public class ServiceProvider {

    @AggregateIdentifier
    private String providerId;
    private UUID organisationId;
    /** Each licence's current expiry, and the expiry it was last alerted for. */
    private final Map<UUID, LocalDate> licenceExpiry = new HashMap<>();
    private final Map<UUID, LocalDate> alertedExpiry = new HashMap<>();
    /** Each visit's day and its findings that were not met in full. */
    private final Map<UUID, LocalDate> visits = new HashMap<>();
    private final Map<UUID, Set<String>> shortfalls = new HashMap<>();
    /** Each corrective action, and whether it is done. */
    private final Map<UUID, Boolean> actionsDone = new HashMap<>();
    private final Set<UUID> funding = new HashSet<>();

    protected ServiceProvider() {
        // required by Axon to rebuild the provider from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RecordServiceCapacity command) {
        requireText(command.region(), "region");
        requireCount(command.places(), "places");
        requireCount(command.staff(), "staff");
        apply(new ServiceCapacityRecorded(command.organisationId(), command.serviceType(), command.region().strip(),
                command.places(), command.staff()));
        return state(command.organisationId(), null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RecordLicence command) {
        if (command.kind() == null) {
            throw RuleViolation.ruleNotMet("kind", "LICENCE or ACCREDITATION");
        }
        requireText(command.reference(), "reference");
        requireText(command.issuedBy(), "issuedBy");
        if (command.expiresOn() == null) {
            throw RuleViolation.ruleNotMet("expiresOn", "a licence has the last day it is valid");
        }
        apply(new LicenceRecorded(command.organisationId(), command.licenceId(), command.kind(),
                command.reference().strip(), command.issuedBy().strip(), command.expiresOn()));
        return state(command.organisationId(), command.licenceId());
    }

    /** Idempotent: one alert per licence and expiry; an alert for an expiry since renewed is void. */
    @CommandHandler
    public ServiceProviderState handle(WarnOfLicenceExpiry command) {
        LocalDate current = licenceExpiry.get(command.licenceId());
        if (current != null && current.equals(command.expiresOn())
                && !current.equals(alertedExpiry.get(command.licenceId()))) {
            apply(new LicenceExpiryAlerted(organisationId, command.licenceId(), current));
        }
        return state(organisationId, command.licenceId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RecordMonitoringVisit command, MinimumStandards standards, Clock clock) {
        if (command.visitedOn() == null || command.visitedOn().isAfter(LocalDate.now(clock))) {
            throw RuleViolation.ruleNotMet("visitedOn", "the day of a visit that took place: today or before");
        }
        MinimumStandards.Checklist checklist = command.standardsVersion() == null ? standards.latest()
                : standards.version(command.standardsVersion()).orElseThrow(() -> RuleViolation.ruleNotMet(
                        "standardsVersion", "no version " + command.standardsVersion() + " of the minimum service "
                                + "standards; see GET /api/providers/standards"));
        if (command.findings() == null || command.findings().isEmpty()) {
            throw RuleViolation.ruleNotMet("findings", "a visit records a finding on at least one item");
        }
        Set<String> seen = new HashSet<>();
        for (FindingEntry finding : command.findings()) {
            if (finding.item() == null || !checklist.has(finding.item())) {
                throw RuleViolation.ruleNotMet("findings", "'" + finding.item() + "' is not an item of the "
                        + "minimum service standards v" + checklist.version());
            }
            if (!seen.add(finding.item())) {
                throw RuleViolation.ruleNotMet("findings", "the item " + finding.item() + " is named twice");
            }
            if (finding.rating() == null) {
                throw RuleViolation.ruleNotMet("findings", "the item " + finding.item() + " has no rating: MET, "
                        + "PARTLY_MET or NOT_MET");
            }
        }
        if (visits.containsKey(command.visitId())) {
            throw RuleViolation.stateDoesNotAllow("the visit " + command.visitId() + " is recorded already");
        }
        List<Finding> findings = command.findings().stream()
                .map(f -> new Finding(f.item(), f.rating(), blankAsNull(f.note()))).toList();
        apply(new MonitoringVisitRecorded(command.organisationId(), command.visitId(), command.visitedOn(),
                checklist.id(), checklist.version(), findings));
        return state(command.organisationId(), command.visitId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RaiseCorrectiveAction command, Clock clock) {
        if (command.visitId() == null || !visits.containsKey(command.visitId())) {
            throw RuleViolation.ruleNotMet("visitId", "the provider has no visit " + command.visitId());
        }
        if (!shortfalls.get(command.visitId()).contains(command.item())) {
            throw RuleViolation.ruleNotMet("item", "the visit found no shortfall on '" + command.item()
                    + "': a corrective action follows an item partly met or not met");
        }
        requireText(command.description(), "description");
        if (command.dueOn() == null || !command.dueOn().isAfter(LocalDate.now(clock))) {
            throw RuleViolation.ruleNotMet("dueOn", "a corrective action is due after today");
        }
        if (actionsDone.containsKey(command.actionId())) {
            throw RuleViolation.stateDoesNotAllow("the corrective action " + command.actionId() + " exists already");
        }
        apply(new CorrectiveActionRaised(command.organisationId(), command.actionId(), command.visitId(),
                command.item(), command.description().strip(), command.dueOn()));
        return state(command.organisationId(), command.actionId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RecordCorrectiveActionDone command) {
        Boolean done = actionsDone.get(command.actionId());
        if (done == null) {
            throw RuleViolation.ruleNotMet("actionId", "the provider has no corrective action " + command.actionId());
        }
        if (done) {
            throw RuleViolation.stateDoesNotAllow("the corrective action is recorded done already");
        }
        apply(new CorrectiveActionDone(organisationId, command.actionId(), blankAsNull(command.note())));
        return state(organisationId, command.actionId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ServiceProviderState handle(RecordFunding command) {
        if (command.amount() == null || command.amount().signum() <= 0) {
            throw RuleViolation.ruleNotMet("amount", "an amount above zero");
        }
        if (command.currency() == null || !Currency.getAvailableCurrencies().stream()
                .anyMatch(currency -> currency.getCurrencyCode().equals(command.currency()))) {
            throw RuleViolation.ruleNotMet("currency", "an ISO 4217 currency code such as RSD or EUR");
        }
        if (command.periodFrom() == null) {
            throw RuleViolation.ruleNotMet("periodFrom", "the first day the funding covers");
        }
        if (command.periodTo() == null || command.periodTo().isBefore(command.periodFrom())) {
            throw RuleViolation.ruleNotMet("periodTo", "the last day the funding covers, not before periodFrom");
        }
        requireText(command.funder(), "funder");
        if (funding.contains(command.fundingId())) {
            throw RuleViolation.stateDoesNotAllow("the funding " + command.fundingId() + " is recorded already");
        }
        apply(new FundingRecorded(command.organisationId(), command.fundingId(), command.amount(),
                command.currency(), command.periodFrom(), command.periodTo(), command.funder().strip()));
        return state(command.organisationId(), command.fundingId());
    }

    private static void requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw RuleViolation.ruleNotMet(field, "must not be blank");
        }
    }

    private static void requireCount(Integer count, String field) {
        if (count == null || count < 0) {
            throw RuleViolation.ruleNotMet(field, "a number, zero or more");
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private ServiceProviderState state(UUID organisation, UUID recordedId) {
        return new ServiceProviderState(organisation, recordedId, AggregateLifecycle.getVersion());
    }

    private void provider(UUID organisation) {
        providerId = ProviderEvents.streamOf(organisation);
        organisationId = organisation;
    }

    @EventSourcingHandler
    void on(ServiceCapacityRecorded event) {
        provider(event.organisationId());
    }

    @EventSourcingHandler
    void on(LicenceRecorded event) {
        provider(event.organisationId());
        licenceExpiry.put(event.licenceId(), event.expiresOn());
    }

    @EventSourcingHandler
    void on(LicenceExpiryAlerted event) {
        alertedExpiry.put(event.licenceId(), event.expiresOn());
    }

    @EventSourcingHandler
    void on(MonitoringVisitRecorded event) {
        provider(event.organisationId());
        visits.put(event.visitId(), event.visitedOn());
        Set<String> shortfall = new HashSet<>();
        event.findings().stream().filter(f -> f.rating() != FindingRating.MET).forEach(f -> shortfall.add(f.item()));
        shortfalls.put(event.visitId(), shortfall);
    }

    @EventSourcingHandler
    void on(CorrectiveActionRaised event) {
        actionsDone.put(event.actionId(), false);
    }

    @EventSourcingHandler
    void on(CorrectiveActionDone event) {
        actionsDone.put(event.actionId(), true);
    }

    @EventSourcingHandler
    void on(FundingRecorded event) {
        provider(event.organisationId());
        funding.add(event.fundingId());
    }
}
