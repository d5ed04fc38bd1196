package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrmplatform.caseservice.organisations.KnownOrganisations;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.nrmplatform.shared.testing.Progress;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one fold of a case's events ({@code CaseFile}) gives the same case whichever way it is read: for random
 * valid histories sent to a running case-service over HTTP, the case as of its last event (time travel,
 * replayed from the event store) equals, for each handling role, that role's live view (kept by its
 * projection from the same events), the service provider's too (the case is referred to it from the start).
 * Invalid steps of a generated history are skipped by a model of the
 * case's rules, so every history sent is one a user could make; every command must be accepted.
 */
class CaseFoldPropertyTest {

    private static final String POLICE = ApiTest.POLICE;
    private static final String SOCIAL_WELFARE = ApiTest.SOCIAL_WELFARE;
    private static final String AUTHORITY = ApiTest.AUTHORITY;
    private static final String SHELTER = ApiTest.REGISTERED_SHELTER;

    private static ConfigurableApplicationContext service;
    private static ApiClient anonymous;

    /** What a user may do next with a case; the model decides whether it is valid at that point. */
    enum Step {
        ASSESS, FLAG, APPOINT_GUARDIAN, DECIDE_IDENTIFIED, DECIDE_NOT_IDENTIFIED, GIVE_CONSENT, WITHDRAW_CONSENT,
        START_REFLECTION_PERIOD, CLOSE, ERASE
    }

    @BeforeContainer
    static void start() {
        Map<String, Object> properties = new HashMap<>();
        EmbeddedStore.register((name, value) -> properties.put(name, value.get()));
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", 0);
        // the histories take their steps at once: nothing held for approval (ApprovalApiTest)
        properties.put("nrm.approvals.required", "");
        // as arguments: above the application's own configuration, as a test's dynamic properties are
        service = new SpringApplicationBuilder(CaseServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
        anonymous = new ApiClient("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"));
        // the recipient that consents name must be known to case-service, as identity-service would tell it
        service.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Organisation", SHELTER, 0,
                new OrganisationRegistered(UUID.fromString(SHELTER), "Shelter Novi Sad", "shelter", "RS",
                        List.of("SAFE_ACCOMMODATION", "MEDICAL_CARE"))));
        KnownOrganisations organisations = service.getBean(KnownOrganisations.class);
        awaitProcessing().until(() -> organisations.contains(SHELTER));
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Arbitraries.frequency(
                        Tuple.of(6, Step.ASSESS), Tuple.of(6, Step.FLAG),
                        Tuple.of(4, Step.APPOINT_GUARDIAN), Tuple.of(3, Step.DECIDE_IDENTIFIED),
                        Tuple.of(2, Step.DECIDE_NOT_IDENTIFIED), Tuple.of(5, Step.GIVE_CONSENT),
                        Tuple.of(4, Step.WITHDRAW_CONSENT), Tuple.of(3, Step.START_REFLECTION_PERIOD),
                        Tuple.of(1, Step.CLOSE))
                .list().ofMinSize(2).ofMaxSize(12);
    }

    /**
     * A step that is not valid yet is replaced by the next step towards a decision, so that histories reach
     * the later stages; {@code erase}: the history ends with the subject's erasure (nothing follows one).
     */
    @Property(tries = 30)
    void theCaseAsOfItsLastEventEqualsEachLiveViewOfIt(@ForAll boolean child, @ForAll boolean erase,
                                                       @ForAll("histories") List<Step> steps) {
        UUID caseId = UUID.randomUUID();
        String path = "/api/cases/" + caseId;
        Model model = new Model(child);
        expectAccepted(as(Role.FIRST_LINE, POLICE).post("/api/cases",
                child ? CaseRequests.openChild(caseId) : CaseRequests.openAdult(caseId)), "open");
        // referral-service's event, in the same stream: the shelter sees the case from now on
        UUID referralId = UUID.randomUUID();
        service.getBean(EventStorageEngine.class).appendEvents(new GenericDomainEventMessage<>("Referral",
                referralId.toString(), 0, new ReferralRequested(referralId, caseId, POLICE, SHELTER,
                        "SAFE_ACCOMMODATION", Urgency.URGENT, Instant.now().plus(Duration.ofDays(2)), null,
                        UUID.randomUUID(), child ? AgeCategory.CHILD : AgeCategory.ADULT)));
        List<Step> sent = new ArrayList<>(steps);
        if (erase) {
            sent.add(Step.ERASE);
        }
        for (Step wanted : sent) {
            Step step = model.allows(wanted) ? wanted : model.towardsDecision();
            if (step != null) {
                expectAccepted(send(step, path, model), step.name());
                model.record(step);
            }
        }

        // printed with the property's report: how far the generated histories took their cases
        int recorded = model.recorded.size();
        Statistics.label("steps").collect(recorded < 4 ? "0-3" : recorded < 8 ? "4-7" : "8+");
        Statistics.label("reached").collect(model.closed ? "closed" : model.decided ? "decided"
                : model.flagged ? "presumed victim" : "potential victim");
        Statistics.label("subject erased").collect(model.erased);
        List<? extends DomainEventMessage<?>> events = service.getBean(EventStorageEngine.class)
                .readEvents(caseId.toString(), 0).asStream().toList();
        DomainEventMessage<?> last = events.get(events.size() - 1);
        Map<Role, ApiClient> readers = new LinkedHashMap<>();
        readers.put(Role.FIRST_LINE, as(Role.FIRST_LINE, POLICE));
        readers.put(Role.CASE_MANAGER, as(Role.CASE_MANAGER, model.flagged ? SOCIAL_WELFARE : POLICE));
        if (model.flagged) { // the identification authority sees presumed victims only
            readers.put(Role.IDENTIFICATION_AUTHORITY, as(Role.IDENTIFICATION_AUTHORITY, AUTHORITY));
        }
        awaitProcessing().until(() -> readers.values().stream().allMatch(reader -> {
            Answer live = reader.get(path);
            return live.status() == 200 && live.body().get("version").asLong() == last.getSequenceNumber();
        }));

        String asOf = path + "/as-of?at=" + last.getTimestamp();
        readers.forEach((role, reader) -> {
            JsonNode live = reader.get(path).body();
            Answer then = reader.get(asOf);
            assertThat(then.status()).as("as-of for %s", role).isEqualTo(200);
            // referrals are other aggregates' events: the managed view has them, time travel does not replay them
            assertThat(withoutReferrals(then.body())).as("%s after %s", role, model.recorded)
                    .isEqualTo(withoutReferrals(live));
        });
        // the provider's view keeps no version to wait for: it is awaited until it equals the case as of then
        ApiClient provider = as(Role.SERVICE_PROVIDER, SHELTER);
        awaitProcessing().until(() -> provider.get(path).status() == 200);
        JsonNode providerThen = provider.get(asOf).body();
        awaitProcessing().until(() -> provider.get(path).body().equals(providerThen));
        assertThat(providerThen.get("stage").asString()).as("the provider's case after %s",
                model.recorded).isEqualTo(model.recorded.contains(Step.DECIDE_IDENTIFIED) ? "IDENTIFIED_VICTIM"
                : model.recorded.contains(Step.DECIDE_NOT_IDENTIFIED) ? "NOT_IDENTIFIED"
                : model.flagged ? "PRESUMED_VICTIM" : "POTENTIAL_VICTIM");
        if (!model.flagged) {
            ApiClient authority = as(Role.IDENTIFICATION_AUTHORITY, AUTHORITY);
            assertThat(authority.get(path).status()).isEqualTo(404);
            assertThat(authority.get(asOf).status()).isEqualTo(404);
        }
    }

    private static Answer send(Step step, String path, Model model) {
        ApiClient firstLine = as(Role.FIRST_LINE, POLICE);
        ApiClient caseManager = as(Role.CASE_MANAGER, model.flagged ? SOCIAL_WELFARE : POLICE);
        ApiClient authority = as(Role.IDENTIFICATION_AUTHORITY, AUTHORITY);
        return switch (step) {
            case ASSESS -> firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment());
            case FLAG -> firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim());
            case APPOINT_GUARDIAN -> caseManager.post(path + "/guardian", Map.of("guardianName", "Jelena Jovanović",
                    "guardianOrganisation", "Centre for Social Work", "appointedOn", "2026-01-05"));
            case DECIDE_IDENTIFIED -> authority.post(path + "/identification-decision", CaseRequests.identified());
            case DECIDE_NOT_IDENTIFIED -> authority.post(path + "/identification-decision", Map.of(
                    "outcome", "NOT_IDENTIFIED", "reasons", "No indicator confirmed at interview",
                    "typesOfExploitation", List.of(), "methodsOfControl", List.of()));
            case GIVE_CONSENT -> caseManager.post(path + "/consents", Map.of(
                    "consentId", model.nextConsent().toString(), "decision", "GIVEN",
                    "givenBy", model.child ? "GUARDIAN" : "DATA_SUBJECT", "purposes", List.of("REFERRAL"),
                    "serviceTypes", List.of("SAFE_ACCOMMODATION"), "recipientOrganisationId", SHELTER));
            case WITHDRAW_CONSENT -> caseManager.post(path + "/consents", Map.of(
                    "consentId", model.activeConsents.get(0).toString(), "decision", "WITHDRAWN",
                    "note", "Withdrawn at the review"));
            case START_REFLECTION_PERIOD -> caseManager.post(path + "/reflection-period",
                    CaseRequests.reflectionPeriod());
            case CLOSE -> caseManager.post(path + "/closure", CaseRequests.closure());
            case ERASE -> caseManager.post(path + "/subject-erasure", Map.of("legalBasis", Map.of(
                    "reference", "GDPR Art. 17, request 25/114", "requestedBy", "the data subject")));
        };
    }

    /** The case's rules as far as the generated steps need them: which step is valid now. */
    private static final class Model {
        final boolean child;
        final List<Step> recorded = new ArrayList<>();
        final List<UUID> activeConsents = new ArrayList<>();
        UUID pendingConsent;
        boolean assessed;
        boolean flagged;
        boolean decided;
        boolean guardian;
        boolean reflectionPeriod;
        boolean closed;
        boolean erased;

        Model(boolean child) {
            this.child = child;
        }

        boolean allows(Step step) {
            if (step == Step.ERASE) {
                return true;
            }
            if (closed) {
                return false;
            }
            return switch (step) {
                case ASSESS -> !decided;
                case FLAG -> assessed && !flagged;
                case APPOINT_GUARDIAN -> child;
                case DECIDE_IDENTIFIED, DECIDE_NOT_IDENTIFIED -> flagged && !decided && (!child || guardian);
                case GIVE_CONSENT -> !child || guardian;
                case WITHDRAW_CONSENT -> !activeConsents.isEmpty();
                // granted to a presumed or identified victim: not after a decision that did not identify
                case START_REFLECTION_PERIOD -> flagged && !reflectionPeriod
                        && !(decided && recorded.contains(Step.DECIDE_NOT_IDENTIFIED));
                case CLOSE -> true;
                case ERASE -> true;
            };
        }

        /** The next step of the main path (assessed, flagged, a child's guardian, decided); null past it. */
        Step towardsDecision() {
            Step next = !assessed ? Step.ASSESS : !flagged ? Step.FLAG : child && !guardian ? Step.APPOINT_GUARDIAN
                    : !decided ? Step.DECIDE_IDENTIFIED : null;
            return next != null && allows(next) ? next : null;
        }

        UUID nextConsent() {
            pendingConsent = UUID.randomUUID();
            return pendingConsent;
        }

        void record(Step step) {
            recorded.add(step);
            switch (step) {
                case ASSESS -> assessed = true;
                case FLAG -> flagged = true;
                case APPOINT_GUARDIAN -> guardian = true;
                case DECIDE_IDENTIFIED, DECIDE_NOT_IDENTIFIED -> decided = true;
                case GIVE_CONSENT -> activeConsents.add(pendingConsent);
                case WITHDRAW_CONSENT -> activeConsents.remove(0);
                case START_REFLECTION_PERIOD -> reflectionPeriod = true;
                case CLOSE -> closed = true;
                case ERASE -> erased = true;
            }
        }
    }

    private static void expectAccepted(Answer answer, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer.body()).isBetween(200, 299);
    }

    private static JsonNode withoutReferrals(JsonNode view) {
        ObjectNode copy = ((ObjectNode) view).deepCopy();
        copy.remove("activeReferrals");
        return copy;
    }

    private static ApiClient as(Role role, String organisationId) {
        return anonymous.as(TestTokens.get().forRole(role, organisationId));
    }

    private static org.awaitility.core.ConditionFactory awaitProcessing() {
        Supplier<Object> position = Progress.processors(service.getBean(EventProcessingConfiguration.class));
        return Progress.awaitWhileMoving("case-service's event processors", position);
    }
}
