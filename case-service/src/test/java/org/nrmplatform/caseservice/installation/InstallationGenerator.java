package org.nrmplatform.caseservice.installation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrmplatform.caseservice.indicators.IndicatorCatalogue;
import org.nrmplatform.caseservice.indicators.IndicatorSet;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagRaised;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.CasesRead;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.messaging.CausalMetadata;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.web.CorrelationId;

/**
 * Generates an installation's history: cases with their referrals and read logs, spread over a span of years,
 * appended through the services' own storage engine (global numbers, the hash chain) with personal data sealed
 * by the services' own {@link PersonalData} (a key per case in the subject key store), so that the services
 * cannot tell it from what they recorded themselves (docs/architecture.md, decision 48).
 *
 * <p>Each case follows a plan of timed steps made by the roles that take them (the mix is in README,
 * "Benchmarks"); every plan is a possible history, each of its prefixes too, so a case whose plan runs past
 * the end of the span is simply still open. The events of all cases are merged into one time order before they
 * are appended, as a live installation would have appended them, in appends of up to {@value #APPEND_BATCH}
 * events of several streams (one append per command would take hours; the stored documents are the same).
 *
 * <p>Deterministic for a seed, apart from the random identifiers, nonces and keys that the engine and the
 * sealing draw themselves.
 */
public final class InstallationGenerator {

    static final int APPEND_BATCH = 250;
    /** How many read-log streams one service instance keeps between restarts (it borrows idle ones). */
    private static final int READ_LOG_LANES = 3;
    private static final Duration INSTANCE_LIFETIME = Duration.ofDays(30);
    private static final List<String> MUNICIPALITIES = List.of("Beograd", "Novi Sad", "Niš", "Kragujevac",
            "Subotica", "Preševo", "Šid", "Vranje", "Zrenjanin", "Čačak");
    private static final List<String> CITIZENSHIPS = List.of("RS", "RS", "RS", "AL", "BA", "MK", "RO", "UA", "AF",
            "SY", "PK", "NG");
    private static final List<String> EXPLOITATION = List.of("ForcedLabour", "SexualExploitation", "ForcedBegging",
            "ForcedMarriage", "Servitude", "ChildLabour");
    private static final List<String> CONTROL = List.of("DebtBondage", "FalsePromises", "WithholdsDocuments",
            "PhysicalThreats", "PsychologicalAbuse", "TakesEarnings", "ExcessiveWorkingHours");
    private static final List<String> CLOSURE = List.of("REINTEGRATED", "REINTEGRATED", "REINTEGRATED",
            "RETURNED_TO_COUNTRY_OF_ORIGIN", "LOST_CONTACT", "DECLINED_ASSISTANCE", "TRANSFERRED_TO_OTHER_NRM");

    /**
     * Who takes the steps, each as the actor a token of theirs would make: first-line openers in four
     * organisations (detecting sectors police, border police, labour inspection and CSO outreach), the case
     * manager, the identification authority and three providers.
     */
    public record Parties(Actor police, Actor borderPolice, Actor labourInspection, Actor outreach,
                          Actor caseManager, Actor authority, Actor shelter, Actor legalAid, Actor clinic) {

        /** The demo NRM's organisations (identity-service's DemoNrm; ids derived the same way). */
        public static Parties demo() {
            return new Parties(demo("police", "police", Role.FIRST_LINE),
                    demo("border-police", "border-police", Role.FIRST_LINE),
                    demo("labour-inspection", "labour-inspection", Role.FIRST_LINE),
                    demo("cso", "cso-outreach", Role.FIRST_LINE),
                    demo("social-welfare", "social-welfare", Role.CASE_MANAGER),
                    demo("identification-authority", "identification-authority", Role.IDENTIFICATION_AUTHORITY),
                    demo("shelter", "shelter", Role.SERVICE_PROVIDER),
                    demo("cso", "cso-legal-aid", Role.SERVICE_PROVIDER),
                    demo("health", "health", Role.SERVICE_PROVIDER));
        }

        private static Actor demo(String organisationType, String person, Role role) {
            return new Actor(uuid("generated-user:" + person + ":" + role.code()).toString(), "nrm-web",
                    uuid("demo-org:" + organisationType).toString(), organisationType, "RS", java.util.Set.of(role));
        }

        private static UUID uuid(String name) {
            return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** What was generated. {@code largestCase}: the case with the most events of its own and its referrals'. */
    public record Summary(int cases, long events, Map<String, Long> eventsByType, int closed, int erased,
                          int referrals, int readLogStreams, UUID largestCase, int largestCaseEvents,
                          Instant from, Instant to, Duration took) {
    }

    /**
     * One planned event: built (and sealed) only when its turn comes, so that plans stay small. A read of the read
     * log has no aggregate id (its read-log stream is chosen when its turn comes) and names the reading service in
     * {@code aggregateType}.
     */
    private record Step(Instant at, long order, CasePlan owner, Actor actor, String aggregateType,
                        String aggregateId, Function<PersonalData.Sealing, Object> payload) {
    }

    private final class CasePlan {
        final UUID caseId = UUID.randomUUID();
        final List<Step> steps = new ArrayList<>();
        PersonalData.Sealing sealing;
        int events;
        boolean erased;

        void add(Instant at, Actor actor, String aggregateType, String aggregateId,
                 Function<PersonalData.Sealing, Object> payload) {
            Instant previous = steps.isEmpty() ? at : steps.get(steps.size() - 1).at();
            // strictly after the step before: a case's steps happen in the order planned
            Instant when = at.isAfter(previous) ? at : previous.plusMillis(1 + random.nextInt(60_000));
            steps.add(new Step(when.truncatedTo(ChronoUnit.MILLIS), sequence++, this, actor, aggregateType,
                    aggregateId, payload));
        }

        void add(Instant at, Actor actor, Function<PersonalData.Sealing, Object> payload) {
            add(at, actor, "Case", caseId.toString(), payload);
        }
    }

    private final EventStorageEngine engine;
    private final PersonalData personalData;
    private final List<IndicatorSet> adultSets;
    private final IndicatorSet childSet;
    private final Parties parties;
    private final Random random;
    private long sequence;

    public InstallationGenerator(EventStorageEngine engine, PersonalData personalData, IndicatorCatalogue catalogue,
                                 Parties parties, long seed) {
        this.engine = engine;
        this.personalData = personalData;
        this.adultSets = catalogue.all().stream().filter(set -> set.appliesTo() == IndicatorSet.AppliesTo.ANY)
                .toList();
        this.childSet = catalogue.all().stream().filter(set -> set.appliesTo() == IndicatorSet.AppliesTo.CHILD)
                .findFirst().orElseThrow();
        this.parties = parties;
        this.random = new Random(seed);
    }

    /**
     * Appends {@code cases} cases opened evenly over {@code span} up to {@code end}, with everything that happened
     * to them up to {@code end}; {@code progress} hears the count of events appended after each append.
     */
    public Summary generate(int cases, Instant end, Duration span, java.util.function.LongConsumer progress) {
        long started = System.nanoTime();
        Instant from = end.minus(span);
        PriorityQueue<Step> due = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
                ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
        Map<String, Long> nextSequence = new HashMap<>();
        Map<String, Long> byType = new TreeMap<>();
        ReadLog reads = new ReadLog(from);
        List<DomainEventMessage<?>> batch = new ArrayList<>(APPEND_BATCH + 1);
        long appended = 0;
        int opened = 0;
        int closed = 0;
        int erased = 0;
        CasePlan largest = null;
        double gap = (double) span.toMillis() / cases;
        Instant nextOpening = from.plusMillis((long) (random.nextDouble() * gap));
        while (opened < cases || !due.isEmpty()) {
            // a case is planned when its opening is due, so that only the open cases' steps wait in the queue
            if (opened < cases && (due.isEmpty() || due.peek().at().isAfter(nextOpening))) {
                CasePlan plan = plan(nextOpening);
                plan.steps.stream().filter(step -> !step.at().isAfter(end)).forEach(due::add);
                opened++;
                nextOpening = from.plusMillis((long) ((opened + random.nextDouble()) * gap));
                continue;
            }
            Step step = due.poll();
            CasePlan plan = step.owner();
            if (step.aggregateId() == null) {
                batch.add(reads.record(step));
                byType.merge(CasesRead.class.getSimpleName(), 1L, Long::sum);
            } else {
                if (plan.sealing == null) {
                    plan.sealing = personalData.sealing(plan.caseId.toString());
                }
                Object payload = step.payload().apply(plan.sealing);
                long number = nextSequence.merge(step.aggregateId(), 1L, Long::sum) - 1;
                batch.add(event(step.aggregateType(), step.aggregateId(), number, payload, step.actor(), step.at()));
                byType.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
                plan.events++;
                if (payload instanceof CaseClosed) {
                    closed++;
                } else if (payload instanceof SubjectErased) {
                    plan.erased = true;
                    erased++;
                }
                if (largest == null || plan.events > largest.events) {
                    largest = plan;
                }
                // the case's people read it as they work it: the read log records each answer that showed it
                reads.after(step, end).forEach(due::add);
            }
            if (batch.size() >= APPEND_BATCH) {
                appended += append(batch);
                progress.accept(appended);
            }
        }
        appended += append(batch);
        progress.accept(appended);
        int referrals = byType.getOrDefault(ReferralRequested.class.getSimpleName(), 0L).intValue();
        return new Summary(cases, appended, byType, closed, erased, referrals, reads.streams,
                largest == null ? null : largest.caseId, largest == null ? 0 : largest.events, from, end,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private int append(List<DomainEventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        engine.appendEvents(List.copyOf(batch));
        int count = batch.size();
        batch.clear();
        return count;
    }

    /** An event as a command of {@code actor}'s request would have caused it (RequestMetadata, CausalMetadata). */
    private DomainEventMessage<?> event(String type, String aggregateId, long number, Object payload, Actor actor,
                                       Instant at) {
        Map<String, Object> metaData = new LinkedHashMap<>(actor.toMetadata());
        metaData.put(CorrelationId.METADATA_KEY, UUID.randomUUID().toString());
        metaData.put(CausalMetadata.CAUSATION_ID, UUID.randomUUID().toString());
        metaData.put(CausalMetadata.TRACE_ID, hex(16));
        return new GenericDomainEventMessage<>(type, aggregateId, number, payload, metaData,
                UUID.randomUUID().toString(), at);
    }

    private String hex(int bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            text.append(String.format("%02x", random.nextInt(256)));
        }
        return text.toString();
    }

    /**
     * A case's plan from its opening: screening, an indicator assessment (a second for some), the presumed-victim
     * flag for most, a guardian for children, consent, a reflection period, referrals with their answers and
     * assistance steps, the identification decision, a flag for some; closure for most after months, erasure for
     * some closed ones.
     */
    private CasePlan plan(Instant openedAt) {
        CasePlan plan = new CasePlan();
        UUID caseId = plan.caseId;
        int opener = random.nextInt(100);
        Actor firstLine = opener < 45 ? parties.police() : opener < 65 ? parties.borderPolice()
                : opener < 85 ? parties.labourInspection() : parties.outreach();
        String sector = firstLine == parties.police() ? "POLICE" : firstLine == parties.borderPolice()
                ? "BORDER_POLICE" : firstLine == parties.labourInspection() ? "LABOUR_INSPECTION" : "CSO_OUTREACH";
        boolean child = random.nextInt(100) < 25;
        AgeCategory age = child ? AgeCategory.CHILD : AgeCategory.ADULT;
        LocalDate screenedOn = openedAt.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate born = screenedOn.minusYears(child ? 8 + random.nextInt(9) : 19 + random.nextInt(40))
                .minusDays(random.nextInt(360));
        String sex = random.nextInt(100) < 60 ? "Feminine" : "Masculine";
        String citizenship = pick(CITIZENSHIPS);
        String municipality = pick(MUNICIPALITIES);
        String givenName = pick(List.of("Ana", "Marija", "Jelena", "Ardit", "Olena", "Amir", "Milan", "Ivana"));
        String familyName = pick(List.of("Petrović", "Hoxha", "Kovač", "Popescu", "Shevchenko", "Rahimi"))
                + " " + (1 + random.nextInt(999));
        Instant screenedAt = openedAt.minus(Duration.ofMinutes(30 + random.nextInt(600)));
        plan.add(openedAt, firstLine, sealing -> new CaseOpened(caseId, sector, screenedAt.truncatedTo(ChronoUnit.SECONDS),
                new ScreeningLocation("RS", municipality, null),
                new SealedDataSubject(sealing.seal(PersonalField.GIVEN_NAME, givenName),
                        sealing.seal(PersonalField.FAMILY_NAME, familyName),
                        sealing.seal(PersonalField.DATE_OF_BIRTH, born), age, sex, List.of(citizenship)),
                firstLine.organisationId()));

        Instant t = openedAt.plus(hours(1, 48));
        IndicatorSet set = child ? childSet : adultSets.get(random.nextInt(adultSets.size()));
        boolean presumed = random.nextInt(100) < 80;
        int assessments = random.nextInt(100) < 30 ? 2 : 1;
        for (int i = 0; i < assessments; i++) {
            Map<String, IndicatorAnswer> answers = answers(set, presumed && i == assessments - 1);
            Instant assessedAt = t;
            plan.add(t, firstLine, sealing -> new IndicatorAssessmentRecorded(caseId,
                    UUID.randomUUID(), set.id(), answers, assessedAt, set.assess(answers)));
            t = t.plus(hours(24, 24 * 10));
        }
        if (!presumed) {
            // screened, not a presumed victim: closed a few weeks later (a fifth stay open longer)
            if (random.nextInt(100) < 80) {
                plan.add(t.plus(hours(24 * 7, 24 * 60)), parties.caseManager(), sealing -> new CaseClosed(caseId,
                        "NOT_IDENTIFIED", sealing.seal(PersonalField.CLOSURE_NOTE, "No indicators confirmed"),
                        CaseStage.POTENTIAL_VICTIM));
                plannedErasure(plan, t.plus(hours(24 * 60, 24 * 400)));
            }
            return plan;
        }
        plan.add(t, parties.caseManager(), sealing -> new PresumedVictimFlagged(caseId,
                sealing.seal(PersonalField.PRESUMED_VICTIM_GROUNDS, "Indicators present: " + set.id()),
                parties.caseManager().organisationId()));
        t = t.plus(hours(2, 72));
        if (child) {
            LocalDate appointed = t.atZone(ZoneOffset.UTC).toLocalDate();
            plan.add(t, parties.caseManager(), sealing -> new GuardianAppointed(caseId,
                    sealing.seal(PersonalField.GUARDIAN_NAME, "Guardian of " + givenName), "Centre for Social Work",
                    appointed));
            t = t.plus(hours(2, 48));
        }
        UUID consentId = UUID.randomUUID();
        plan.add(t, parties.caseManager(), sealing -> new ConsentGiven(caseId, consentId,
                child ? ConsentGiver.GUARDIAN : ConsentGiver.DATA_SUBJECT, List.of("REFERRAL", "INFORMATION_SHARING"),
                List.of(), null, sealing.seal(PersonalField.CONSENT_NOTE, "Consent given in person")));
        t = t.plus(hours(1, 24));
        if (random.nextInt(100) < 85) {
            LocalDate start = t.atZone(ZoneOffset.UTC).toLocalDate();
            plan.add(t, parties.caseManager(), sealing -> new ReflectionPeriodStarted(caseId, start,
                    start.plusDays(90), "Law on Foreigners, art. 62"));
        }
        if (random.nextInt(100) < 20) {
            plan.add(t.plus(hours(1, 24 * 30)), parties.caseManager(), sealing -> new CaseFlagRaised(caseId,
                    UUID.randomUUID(), "SAFETY_RISK", sealing.seal(PersonalField.FLAG_REASON,
                            "The trafficker knows the address"), parties.caseManager().organisationId()));
        }
        // referrals, one after another over the following months (0 to 4, two on average)
        int count = random.nextInt(5);
        Instant referralTime = t.plus(hours(1, 24 * 3));
        for (int i = 0; i < count; i++) {
            referralTime = referral(plan, referralTime, consentId, age, i == 0);
        }
        Instant decisionAt = t.plus(hours(24 * 20, 24 * 90));
        boolean identified = random.nextInt(100) < 75;
        List<String> exploitation = identified ? List.of(pick(EXPLOITATION)) : List.of();
        List<String> control = identified ? List.of(pick(CONTROL), pick(CONTROL)).stream().distinct().toList()
                : List.of();
        CasePlan decided = plan;
        insert(plan, decisionAt, parties.authority(), sealing -> new IdentificationDecided(caseId,
                identified ? IdentificationOutcome.IDENTIFIED : IdentificationOutcome.NOT_IDENTIFIED,
                sealing.seal(PersonalField.IDENTIFICATION_REASONS, identified ? "Indicators and statement consistent"
                        : "Indicators not confirmed"), exploitation, control));
        Instant last = decided.steps.get(decided.steps.size() - 1).at();
        if (random.nextInt(100) < 85) {
            Instant closing = last.plus(hours(24 * 30, 24 * 300));
            CaseStage stage = identified ? CaseStage.IDENTIFIED_VICTIM : CaseStage.NOT_IDENTIFIED;
            String reason = identified ? pick(CLOSURE) : "NOT_IDENTIFIED";
            plan.add(closing, parties.caseManager(), sealing -> new CaseClosed(caseId, reason,
                    sealing.seal(PersonalField.CLOSURE_NOTE, "Support plan completed"), stage));
            plannedErasure(plan, closing.plus(hours(24 * 30, 24 * 365)));
        }
        return plan;
    }

    /** A tenth of closed cases: the data subject asked for erasure some months after the closure. */
    private void plannedErasure(CasePlan plan, Instant at) {
        if (random.nextInt(100) < 10) {
            plan.add(at, parties.caseManager(), sealing -> new SubjectErased(plan.caseId,
                    new LegalBasis("GDPR Art. 17(1)(a)", "data subject")));
        }
    }

    /** Inserts a step in time order among those planned (the decision falls among the referrals' steps). */
    private void insert(CasePlan plan, Instant at, Actor actor, Function<PersonalData.Sealing, Object> payload) {
        List<Step> later = new ArrayList<>();
        while (!plan.steps.isEmpty() && plan.steps.get(plan.steps.size() - 1).at().isAfter(at)) {
            later.add(0, plan.steps.remove(plan.steps.size() - 1));
        }
        plan.add(at, actor, payload);
        for (Step step : later) {
            plan.add(step.at(), step.actor(), step.aggregateType(), step.aggregateId(), step.payload());
        }
    }

    /** A referral: requested, then accepted (9 in 10, with assistance steps and completion) or declined. */
    private Instant referral(CasePlan plan, Instant at, UUID consentId, AgeCategory age, boolean first) {
        UUID caseId = plan.caseId;
        UUID referralId = UUID.randomUUID();
        String id = referralId.toString();
        int which = first ? 0 : random.nextInt(3);
        Actor provider = which == 0 ? parties.shelter() : which == 1 ? parties.legalAid() : parties.clinic();
        String service = which == 0 ? "SAFE_ACCOMMODATION" : which == 1 ? "LEGAL_AID" : "MEDICAL_CARE";
        Urgency urgency = first ? Urgency.URGENT : Urgency.ROUTINE;
        Instant respondBy = at.plus(first ? Duration.ofDays(2) : Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        plan.add(at, parties.caseManager(), "Referral", id, sealing -> new ReferralRequested(referralId, caseId,
                parties.caseManager().organisationId(), provider.organisationId(), service, urgency, respondBy,
                sealing.seal(PersonalField.REFERRAL_NOTE, "Needs " + service.toLowerCase().replace('_', ' ')),
                consentId, age));
        Instant t = at.plus(hours(1, 36));
        if (random.nextInt(100) < 10) {
            plan.add(t, provider, "Referral", id, sealing -> new ReferralDeclined(referralId, caseId,
                    provider.organisationId(), "NO_CAPACITY", sealing.seal(PersonalField.DECLINE_NOTE, "Full")));
            return t.plus(hours(2, 48));
        }
        plan.add(t, provider, "Referral", id, sealing -> new ReferralAccepted(referralId, caseId,
                provider.organisationId(), sealing.seal(PersonalField.ACCEPTANCE_NOTE, "We can help")));
        int steps = 1 + random.nextInt(3);
        for (int i = 0; i < steps; i++) {
            t = t.plus(hours(24, 24 * 20));
            Instant delivered = t.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
            plan.add(t, provider, "Referral", id, sealing -> new AssistanceStepRecorded(referralId, caseId,
                    provider.organisationId(), UUID.randomUUID(), service, delivered,
                    sealing.seal(PersonalField.STEP_DELIVERED_BY, "Social worker"),
                    sealing.seal(PersonalField.STEP_OUTCOME, "Delivered as planned")));
        }
        t = t.plus(hours(24, 24 * 10));
        plan.add(t, provider, "Referral", id, sealing -> new ReferralCompleted(referralId, caseId,
                provider.organisationId(), sealing.seal(PersonalField.COMPLETION_OUTCOME, "Completed")));
        return t.plus(hours(24, 24 * 30));
    }

    private Map<String, IndicatorAnswer> answers(IndicatorSet set, boolean reasonableGrounds) {
        Map<String, IndicatorAnswer> answers = new LinkedHashMap<>();
        for (IndicatorSet.Indicator indicator : set.indicators()) {
            boolean strong = indicator.strength() == IndicatorSet.Strength.STRONG;
            int present = reasonableGrounds ? (strong ? 50 : 40) : (strong ? 0 : 15);
            int roll = random.nextInt(100);
            answers.put(indicator.code(), roll < present ? IndicatorAnswer.PRESENT
                    : roll < 85 ? IndicatorAnswer.ABSENT : IndicatorAnswer.UNKNOWN);
        }
        if (reasonableGrounds) {
            set.indicators().stream().filter(indicator -> indicator.strength() == IndicatorSet.Strength.STRONG)
                    .findFirst().ifPresent(indicator -> answers.put(indicator.code(), IndicatorAnswer.PRESENT));
        }
        return answers;
    }

    private Duration hours(int least, int most) {
        return Duration.ofMinutes(least * 60L + random.nextInt(Math.max(1, (most - least) * 60)));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * The read log as the services record it ({@code PersonalDataReads}): one {@link CasesRead} per answer that
     * showed personal data, in a few read-log streams per service instance, new ones after each restart. After a
     * case's step its actor looks at the case (most of the time), its history (sometimes) and, now and then, at a
     * page of their case list (twenty cases they worked on recently).
     */
    private final class ReadLog {
        private final Map<String, List<String>> lanes = new HashMap<>();
        private final Map<String, Long> laneSequence = new HashMap<>();
        private final Map<String, List<UUID>> recentlyWorked = new HashMap<>();
        private Instant instanceStarted;
        int streams;

        ReadLog(Instant from) {
            this.instanceStarted = from;
        }

        /** The reads that follow a step, planned as steps of their own (so that they take their place in time). */
        List<Step> after(Step step, Instant end) {
            List<Step> reads = new ArrayList<>();
            if (step.owner().erased) {
                return reads;
            }
            Actor actor = step.actor();
            boolean referralSide = step.aggregateType().equals("Referral");
            List<UUID> recent = recentlyWorked.computeIfAbsent(actor.organisationId(), any -> new ArrayList<>());
            recent.add(step.owner().caseId);
            if (recent.size() > 20) {
                recent.remove(0);
            }
            int roll = random.nextInt(100);
            Instant at = step.at().plusSeconds(5 + random.nextInt(3600));
            if (roll < 60) {
                reads.add(read(step, List.of(step.owner().caseId), referralSide ? "referred-case" : "case", at));
            } else if (roll < 68 && !referralSide) {
                reads.add(read(step, List.of(step.owner().caseId), "history", at));
            }
            if (random.nextInt(100) < 12) {
                reads.add(read(step, List.copyOf(recent), referralSide ? "referral-list" : "case-list",
                        at.plusSeconds(1)));
            }
            reads.removeIf(read -> read.at().isAfter(end));
            return reads;
        }

        private Step read(Step cause, List<UUID> caseIds, String view, Instant at) {
            CasesRead read = new CasesRead(caseIds.stream().distinct().toList(), view, cause.actor().userId(),
                    cause.actor().clientId(), cause.actor().organisationId(),
                    cause.actor().roles().stream().map(Role::code).sorted().toList(), at.truncatedTo(ChronoUnit.MILLIS));
            String service = cause.aggregateType().equals("Referral") ? "referral-service" : "case-service";
            return new Step(read.readAt(), sequence++, cause.owner(), cause.actor(), service, null, any -> read);
        }

        /** The read's event, in one of its service instance's read-log streams, with the metadata it writes. */
        DomainEventMessage<?> record(Step step) {
            if (step.at().isAfter(instanceStarted.plus(INSTANCE_LIFETIME))) {
                instanceStarted = step.at(); // the services were restarted: their read-log streams are new ones
                lanes.clear();
            }
            List<String> open = lanes.computeIfAbsent(step.aggregateType(), any -> new ArrayList<>());
            if (open.size() < READ_LOG_LANES) {
                open.add(CasesRead.STREAM_PREFIX + UUID.randomUUID());
                streams++;
            }
            String lane = open.get(random.nextInt(open.size()));
            long number = laneSequence.merge(lane, 1L, Long::sum) - 1;
            return new GenericDomainEventMessage<>(CasesRead.AGGREGATE_TYPE, lane, number, step.payload().apply(null),
                    step.actor().toMetadata(), UUID.randomUUID().toString(), step.at());
        }
    }
}
