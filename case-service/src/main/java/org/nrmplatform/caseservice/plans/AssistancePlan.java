package org.nrmplatform.caseservice.plans;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.caseservice.plans.PlanCommands.AgreeService;
import org.nrmplatform.caseservice.plans.PlanCommands.AssessNeed;
import org.nrmplatform.caseservice.plans.PlanCommands.EscalateReview;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordAgreement;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordReview;
import org.nrmplatform.caseservice.plans.PlanCommands.RecordServiceReferral;
import org.nrmplatform.caseservice.plans.PlanCommands.SetGoal;
import org.nrmplatform.contracts.plans.AssistancePlanEvents;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.AssistancePlanStarted;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.NeedAssessed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanGoalSet;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewEscalated;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanReviewed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceAgreed;
import org.nrmplatform.contracts.plans.AssistancePlanEvents.PlanServiceReferred;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;

/**
 * A person's individual assistance plan, one per case: the needs assessed with the person by domain, the goals, the
 * services agreed (each with the provider responsible and a target date) and which referral was made of each, the
 * person's agreement to the plan as it stood, and its reviews, the next one due a configured interval after the
 * last ({@link PlanProperties}); an overdue review is escalated once per due date. The first need, goal or service
 * begins the plan. Who may write it the case decides first ({@link PlanWriting}); free texts are sealed with the
 * case's key, so the case's erasure erases them.
 */
@Aggregate
public class AssistancePlan {

    /** How the person agreed to the plan. */
    static final Set<String> AGREEMENT_FORMS = Set.of("SIGNED", "ORAL");

    private record Service(String providerOrganisationId, String serviceType, UUID referralId) {
    }

    @AggregateIdentifier
    private UUID planId;
    private UUID caseId;
    private final Set<UUID> needs = new HashSet<>();
    private final Set<UUID> goals = new HashSet<>();
    private final Map<UUID, Service> services = new HashMap<>();
    /** Needs, goals and services in the plan: an agreement is to the plan at one revision. */
    private int revision;
    private Integer agreedRevision;
    private Instant reviewDueAt;
    private Instant escalatedFor;

    protected AssistancePlan() {
        // required by Axon to rebuild the plan from its events, and to begin it
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(AssessNeed command, CodeLists codeLists, PersonalData personalData, PlanProperties properties,
                       Clock clock, MetaData metaData) {
        codeLists.requireCode("assistance-domain", command.domain(), "domain");
        requireText(command.description(), "description");
        requireNew(command.needId(), needs, "need");
        begin(command.planId(), command.caseId(), properties, clock, metaData);
        apply(new NeedAssessed(planId, caseId, command.needId(), command.domain(),
                personalData.seal(caseId, PersonalField.PLAN_NEED, command.description())));
        return command.needId();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(SetGoal command, PersonalData personalData, PlanProperties properties, Clock clock,
                       MetaData metaData) {
        requireText(command.description(), "description");
        requireNeed(command.needId());
        requireAhead(command.targetDate(), clock);
        requireNew(command.goalId(), goals, "goal");
        begin(command.planId(), command.caseId(), properties, clock, metaData);
        apply(new PlanGoalSet(planId, caseId, command.goalId(), command.needId(),
                personalData.seal(caseId, PersonalField.PLAN_GOAL, command.description()), command.targetDate()));
        return command.goalId();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(AgreeService command, CodeLists codeLists, PlanProperties properties, Clock clock,
                       MetaData metaData) {
        codeLists.requireCode("service-type", command.serviceType(), "serviceType");
        requireNeed(command.needId());
        if (command.targetDate() == null) {
            throw RuleViolation.ruleNotMet("targetDate", "a service is agreed with a target date");
        }
        requireAhead(command.targetDate(), clock);
        requireNew(command.serviceId(), services.keySet(), "service");
        begin(command.planId(), command.caseId(), properties, clock, metaData);
        apply(new PlanServiceAgreed(planId, caseId, command.serviceId(), command.needId(), command.serviceType(),
                command.providerOrganisationId(), command.targetDate()));
        return command.serviceId();
    }

    @CommandHandler
    public void handle(RecordAgreement command, PersonalData personalData, Clock clock) {
        if (command.agreedOn() == null || command.agreedOn().isAfter(LocalDate.ofInstant(clock.instant(),
                ZoneOffset.UTC))) {
            throw RuleViolation.ruleNotMet("agreedOn", "the day the person agreed, today or before");
        }
        if (command.form() == null || !AGREEMENT_FORMS.contains(command.form())) {
            throw RuleViolation.ruleNotMet("form", "how the person agreed: SIGNED or ORAL");
        }
        requireText(command.withWhom(), "withWhom");
        if (services.isEmpty()) {
            throw RuleViolation.stateDoesNotAllow("a plan is agreed once it holds at least one service");
        }
        if (agreedRevision != null && agreedRevision == revision) {
            throw RuleViolation.stateDoesNotAllow("the person agreed to the plan as it stands already");
        }
        PersonalData.Sealing sealing = personalData.sealing(caseId.toString());
        apply(new PlanAgreed(planId, caseId, command.agreedOn(), command.form(),
                sealing.seal(PersonalField.PLAN_AGREED_WITH, command.withWhom()),
                blank(command.note()) ? null : sealing.seal(PersonalField.PLAN_AGREEMENT_NOTE, command.note()),
                revision));
    }

    @CommandHandler
    public Instant handle(RecordReview command, PersonalData personalData, PlanProperties properties, Clock clock) {
        requireText(command.note(), "note");
        Instant next = clock.instant().plus(properties.reviewInterval());
        apply(new PlanReviewed(planId, caseId, personalData.seal(caseId, PersonalField.PLAN_REVIEW_NOTE,
                command.note()), next));
        return next;
    }

    /** Records the referral once; a referral that does not match the service (provider, type) is not recorded. */
    @CommandHandler
    public boolean handle(RecordServiceReferral command) {
        Service service = services.get(command.serviceId());
        if (service == null || service.referralId() != null
                || !service.providerOrganisationId().equals(command.providerOrganisationId())
                || !service.serviceType().equals(command.serviceType())) {
            return false;
        }
        apply(new PlanServiceReferred(planId, caseId, command.serviceId(), command.referralId()));
        return true;
    }

    @CommandHandler
    public boolean handle(EscalateReview command, Clock clock) {
        if (reviewDueAt == null || reviewDueAt.isAfter(clock.instant()) || reviewDueAt.equals(escalatedFor)) {
            return false;
        }
        apply(new PlanReviewEscalated(planId, caseId, reviewDueAt));
        return true;
    }

    private void begin(UUID id, UUID caseOfPlan, PlanProperties properties, Clock clock, MetaData metaData) {
        if (planId != null) {
            return;
        }
        if (!id.equals(AssistancePlanEvents.planIdOf(caseOfPlan))) {
            throw new IllegalArgumentException("plan " + id + " is not the plan of case " + caseOfPlan);
        }
        Actor actor = Actor.fromMetadata(metaData)
                .orElseThrow(() -> new IllegalStateException("a plan is begun by an actor"));
        apply(new AssistancePlanStarted(id, caseOfPlan, actor.organisationId(),
                clock.instant().plus(properties.reviewInterval())));
    }

    private void requireNeed(UUID needId) {
        if (needId != null && !needs.contains(needId)) {
            throw RuleViolation.ruleNotMet("needId", "no need " + needId + " in this plan");
        }
    }

    private static void requireNew(UUID id, Set<UUID> present, String what) {
        if (id == null) {
            throw new IllegalArgumentException("a " + what + " is sent with its id");
        }
        if (present.contains(id)) {
            throw RuleViolation.stateDoesNotAllow("the plan holds " + what + " " + id + " already");
        }
    }

    private static void requireAhead(LocalDate targetDate, Clock clock) {
        if (targetDate != null && targetDate.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw RuleViolation.ruleNotMet("targetDate", "a target date is today or later");
        }
    }

    private static void requireText(String text, String field) {
        if (blank(text)) {
            throw RuleViolation.ruleNotMet(field, "must not be blank");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @EventSourcingHandler
    void on(AssistancePlanStarted event) {
        planId = event.planId();
        caseId = event.caseId();
        reviewDueAt = event.reviewDueAt();
    }

    @EventSourcingHandler
    void on(NeedAssessed event) {
        needs.add(event.needId());
        revision++;
    }

    @EventSourcingHandler
    void on(PlanGoalSet event) {
        goals.add(event.goalId());
        revision++;
    }

    @EventSourcingHandler
    void on(PlanServiceAgreed event) {
        services.put(event.serviceId(), new Service(event.providerOrganisationId(), event.serviceType(), null));
        revision++;
    }

    @EventSourcingHandler
    void on(PlanServiceReferred event) {
        services.computeIfPresent(event.serviceId(), (id, service) -> new Service(service.providerOrganisationId(),
                service.serviceType(), event.referralId()));
    }

    @EventSourcingHandler
    void on(PlanAgreed event) {
        agreedRevision = event.planRevision();
    }

    @EventSourcingHandler
    void on(PlanReviewed event) {
        reviewDueAt = event.nextReviewDueAt();
    }

    @EventSourcingHandler
    void on(PlanReviewEscalated event) {
        escalatedFor = event.reviewDueAt();
    }
}
