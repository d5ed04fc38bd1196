package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.LegalBasis;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.referrals.ReferralEvents.AssistanceStepRecorded;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralAccepted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralReceived;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import org.nrmplatform.shared.testing.TestTokens;
import org.nrmplatform.contracts.feedback.FeedbackEvents;
import org.nrmplatform.contracts.feedback.FeedbackEvents.Channel;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/statistics/indicators} over events recorded in 2019 (appended to the embedded store with the
 * times they were recorded; no other test records anything then), with the default suppression threshold of 10:
 * <ul>
 * <li>A: 12 women (ADULT, AL) screened in Subotica by labour inspection on 1 March, case i flagged i days later,
 * identified (forced labour) 2i days later, a reflection period from the flag day of 30 days (i &le; 6) or 90;
 * a referral one day after the decision (respond by 3 days later), accepted one day after it (i &le; 10) or five
 * days after (late), completed; safe accommodation delivered to all, medical care to four; cases 1..10 sent
 * abroad for assisted return; a prosecutor's legal basis for cases 1..11 in October;</li>
 * <li>B: 10 boys (CHILD, RS) screened in Sombor by the police on 1 April, flagged a day later, not identified five
 * days after screening, a guardian appointed 0 to 3 days after the screening day;</li>
 * <li>C: 10 men (ADULT, UA) screened in Subotica by health workers on 1 May, flagged after 3 days, not identified
 * after 10, closed as returned to their country of origin; each screened again by the police in Subotica on
 * 1 November, the new case linked to the closed one as the same person on 5 November (re-trafficking);</li>
 * <li>E: 2 women (ADULT, AL) screened in Zrenjanin by the police on 1 June, flagged after 2 days;</li>
 * <li>3 transnational referrals received from another NRM in July;</li>
 * <li>feedback from each woman of A in November: satisfied (all 12), felt safe (10 yes, 2 no), informed in their
 * language (all 12 prefer not to say).</li>
 * </ul>
 */
class IndicatorsApiTest extends ApiTest {

    private static final String MONITOR_ORGANISATION = "0f6a3c1e-7777-4a2b-9c3d-000000000007";
    private static final String INDICATORS = "/api/statistics/indicators";

    @Autowired
    EventStorageEngine events;
    @Autowired
    PersonalData personalData;
    @Autowired
    MeterRegistry meters;

    private static boolean recorded;
    private ApiClient monitor;

    @BeforeEach
    void record() {
        monitor = as(Role.MONITOR, MONITOR_ORGANISATION);
        if (recorded) {
            return;
        }
        recorded = true;
        Instant march = Instant.parse("2019-03-01T08:00:00Z");
        for (int i = 1; i <= 12; i++) {
            UUID caseId = open(march, "LABOUR_INSPECTION", "Subotica", "Feminine", AgeCategory.ADULT, "AL");
            Instant flagged = march.plus(Duration.ofDays(i));
            Instant decided = march.plus(Duration.ofDays(2L * i));
            append(caseId, 1, flagged, flag(caseId));
            LocalDate flagDay = flagged.atZone(ZoneOffset.UTC).toLocalDate();
            append(caseId, 2, flagged, new ReflectionPeriodStarted(caseId, flagDay, flagDay.plusDays(i <= 6 ? 30 : 90),
                    "Law on Foreigners, Art. 62"));
            append(caseId, 3, decided, decide(caseId, IdentificationOutcome.IDENTIFIED, List.of("ForcedLabour")));
            UUID referralId = UUID.randomUUID();
            Instant requested = decided.plus(Duration.ofDays(1));
            appendTo("Referral", referralId.toString(), 0, requested, new ReferralRequested(referralId, caseId,
                    SOCIAL_WELFARE, REGISTERED_SHELTER, "SAFE_ACCOMMODATION", Urgency.ROUTINE,
                    requested.plus(Duration.ofDays(3)), null, UUID.randomUUID(), AgeCategory.ADULT));
            Instant accepted = requested.plus(Duration.ofDays(i <= 10 ? 1 : 5));
            appendTo("Referral", referralId.toString(), 1, accepted,
                    new ReferralAccepted(referralId, caseId, REGISTERED_SHELTER, null));
            appendTo("Referral", referralId.toString(), 2, accepted, new AssistanceStepRecorded(referralId, caseId,
                    REGISTERED_SHELTER, UUID.randomUUID(), "SAFE_ACCOMMODATION", accepted, null, null));
            long sequence = 3;
            if (i <= 4) {
                appendTo("Referral", referralId.toString(), sequence++, accepted, new AssistanceStepRecorded(referralId,
                        caseId, REGISTERED_SHELTER, UUID.randomUUID(), "MEDICAL_CARE", accepted, null, null));
            }
            appendTo("Referral", referralId.toString(), sequence, accepted.plus(Duration.ofDays(20)),
                    new ReferralCompleted(referralId, caseId, REGISTERED_SHELTER, null));
            if (i <= 10) {
                UUID sent = UUID.randomUUID();
                appendTo("TransnationalReferral", sent.toString(), 0, Instant.parse("2019-09-01T10:00:00Z"),
                        new TransnationalReferralSent(sent, caseId, SOCIAL_WELFARE, "nrm-al", UUID.randomUUID(),
                                "ASSISTED_RETURN", Urgency.ROUTINE, Instant.parse("2019-09-10T10:00:00Z"),
                                UUID.randomUUID(), null));
            }
            UUID feedbackId = UUID.randomUUID();
            appendTo("Feedback", feedbackId.toString(), 0, Instant.parse("2019-11-05T10:00:00Z"), new FeedbackGiven(
                    feedbackId, caseId, Channel.LINK, List.of(answer(caseId, "SATISFIED", "YES"),
                    answer(caseId, "FELT_SAFE", i <= 10 ? "YES" : "NO"),
                    answer(caseId, "INFORMED_IN_OWN_LANGUAGE", "NOT_SAYING")),
                    personalData.seal(caseId, PersonalField.FEEDBACK_COMMENT, "comment"), "sq"));
            if (i <= 11) {
                appendTo("CaseLegalBases", AuditEvents.legalBasesOf(caseId), 0, Instant.parse("2019-10-15T10:00:00Z"),
                        new LegalBasisRecorded(caseId, UUID.randomUUID(), new LegalBasis("KTO 12/19", "Prosecutor")));
            }
        }
        Instant april = Instant.parse("2019-04-01T09:00:00Z");
        for (int i = 1; i <= 10; i++) {
            UUID caseId = open(april, "POLICE", "Sombor", "Masculine", AgeCategory.CHILD, "RS");
            append(caseId, 1, april.plus(Duration.ofDays(1)), flag(caseId));
            append(caseId, 2, april.plus(Duration.ofDays(1)), new GuardianAppointed(caseId,
                    personalData.seal(caseId, PersonalField.GUARDIAN_NAME, "Guardian"), "Centre for Social Work Sombor",
                    LocalDate.of(2019, 4, 1).plusDays(i % 4)));
            append(caseId, 3, april.plus(Duration.ofDays(5)), decide(caseId, IdentificationOutcome.NOT_IDENTIFIED, List.of()));
        }
        Instant may = Instant.parse("2019-05-01T10:00:00Z");
        for (int i = 1; i <= 10; i++) {
            UUID caseId = open(may, "HEALTH", "Subotica", "Masculine", AgeCategory.ADULT, "UA");
            append(caseId, 1, may.plus(Duration.ofDays(3)), flag(caseId));
            append(caseId, 2, may.plus(Duration.ofDays(10)), decide(caseId, IdentificationOutcome.NOT_IDENTIFIED, List.of()));
            append(caseId, 3, may.plus(Duration.ofDays(30)), new CaseClosed(caseId, "RETURNED_TO_COUNTRY_OF_ORIGIN",
                    null, CaseStage.NOT_IDENTIFIED));
            Instant november = Instant.parse("2019-11-01T10:00:00Z");
            UUID again = open(november, "POLICE", "Subotica", "Masculine", AgeCategory.ADULT, "UA");
            Instant linked = Instant.parse("2019-11-05T10:00:00Z");
            append(again, 1, linked, new SamePersonLinked(again, caseId, again));
            append(caseId, 4, linked, new SamePersonLinked(caseId, again, again));
        }
        Instant june = Instant.parse("2019-06-01T10:00:00Z");
        for (int i = 1; i <= 2; i++) {
            UUID caseId = open(june, "POLICE", "Zrenjanin", "Feminine", AgeCategory.ADULT, "AL");
            append(caseId, 1, june.plus(Duration.ofDays(2)), flag(caseId));
        }
        for (int i = 1; i <= 3; i++) {
            UUID received = UUID.randomUUID();
            appendTo("IncomingTransnationalReferral", received.toString(), 0, Instant.parse("2019-07-01T10:00:00Z"),
                    new TransnationalReferralReceived(received, "nrm-mk", SOCIAL_WELFARE, "SAFE_ACCOMMODATION",
                            Urgency.ROUTINE, Instant.parse("2019-07-05T10:00:00Z"), UUID.randomUUID(), null));
        }
        awaitProcessing().until(() -> count(monitor.get(INDICATORS + "?period=2019").body(), "casesInCriminalProceedings",
                "All", null).asLong(0) == 11 && count(monitor.get(INDICATORS + "?period=2019").body(),
                "transnationalReferralsReceived", "All", null).path("suppressed").asBoolean(false));
    }

    @Test
    void victimsAreCountedByDimensionWithSmallCellsSuppressed() {
        JsonNode year = monitor.get(INDICATORS + "?period=2019").body();
        assertThat(year.get("period").asString()).isEqualTo("2019");
        assertThat(year.get("from").asString()).isEqualTo("2019-01-01");
        assertThat(year.get("until").asString()).isEqualTo("2020-01-01");
        assertThat(figures(year, "presumedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of("All", "34"));
        assertThat(figures(year, "presumedVictims.sex")).containsExactlyInAnyOrderEntriesOf(
                Map.of("All/Feminine", "14", "All/Masculine", "20"));
        // POLICE: 10 boys and 2 women = 12; HEALTH 10; LABOUR_INSPECTION 12
        assertThat(figures(year, "presumedVictims.detectingSector")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "All/LABOUR_INSPECTION", "12", "All/POLICE", "12", "All/HEALTH", "10"));
        assertThat(figures(year, "presumedVictims.ageBand")).containsExactlyInAnyOrderEntriesOf(
                Map.of("All/ADULT", "24", "All/CHILD", "10"));
        assertThat(figures(year, "presumedVictims.citizenship")).containsExactlyInAnyOrderEntriesOf(
                Map.of("All/AL", "14", "All/RS", "10", "All/UA", "10"));
        assertThat(figures(year, "presumedVictims.typeOfExploitation")).containsExactlyInAnyOrderEntriesOf(
                Map.of("All/ForcedLabour", "12", "All/Unknown", "22"));
        assertThat(figures(year, "identifiedVictims.sex")).containsExactlyInAnyOrderEntriesOf(Map.of("All/Feminine", "12"));
        assertThat(figures(year, "identifiedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of("All", "12"));
        assertThat(figures(year, "identifiedVictims.detectingSector")).containsExactly(Map.entry("All/LABOUR_INSPECTION", "12"));
        assertThat(figures(year, "identifiedVictims.ageBand")).containsExactly(Map.entry("All/ADULT", "12"));
        assertThat(figures(year, "identifiedVictims.citizenship")).containsExactly(Map.entry("All/AL", "12"));
        assertThat(figures(year, "identifiedVictims.typeOfExploitation")).containsExactly(Map.entry("All/ForcedLabour", "12"));

        // by region: Zrenjanin's 2 are suppressed, and the next-smallest, Sombor's 10, with them (the total is published)
        JsonNode byRegion = monitor.get(INDICATORS + "?period=2019&by=region").body();
        assertThat(figures(byRegion, "presumedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Subotica", "22", "Sombor", "suppressed", "Zrenjanin", "suppressed", "All", "34"));
        JsonNode subotica = monitor.get(INDICATORS + "?period=2019&by=region&region=Subotica").body();
        assertThat(figures(subotica, "presumedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of("Subotica", "22"));
        // region x sex: Zrenjanin's 2 women give away Subotica's 12 women through the women's total, which gives
        // away Subotica's 10 men through Subotica's total: the filter selects cells of the table suppressed whole
        assertThat(figures(subotica, "presumedVictims.sex")).containsExactlyInAnyOrderEntriesOf(
                Map.of("Subotica/Feminine", "suppressed", "Subotica/Masculine", "suppressed"));

        // by month: March holds group A's flags and decisions only
        JsonNode march = monitor.get(INDICATORS + "?period=2019-03").body();
        assertThat(figures(march, "presumedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of("All", "12"));
        assertThat(figures(march, "identifiedVictims")).containsExactlyInAnyOrderEntriesOf(Map.of("All", "12"));
        assertThat(monitor.get(INDICATORS + "?period=2019-Q3").body().at("/indicators/0/rows").size()).isZero();
    }

    @Test
    void durationsAreMediansAnd90thPercentilesInDays() {
        JsonNode year = monitor.get(INDICATORS + "?period=2019").body();
        assertThat(figures(year, "screeningToPresumedVictim")).containsExactly(Map.entry("All", "3.0/9.0 of 30"));
        assertThat(figures(year, "screeningToIdentificationDecision")).containsExactly(Map.entry("All", "10.0/18.0 of 30"));
        assertThat(figures(year, "screeningToFirstReferral")).containsExactly(Map.entry("All", "14.0/23.0 of 10"));
        assertThat(figures(year, "reflectionPeriodLength")).containsExactly(Map.entry("All", "60.0/90.0 of 10"));
        // by sector: Sombor's boys and Zrenjanin's women, 12 flags by the police, all after one or two days
        JsonNode bySector = monitor.get(INDICATORS + "?period=2019&by=detectingSector&detectingSector=POLICE").body();
        assertThat(figures(bySector, "screeningToPresumedVictim")).containsExactly(Map.entry("POLICE", "1.0/2.0 of 10"));
        assertThat(figures(bySector, "screeningToFirstReferral")).isEmpty();
        // group E's 2 flags in June are too few for a duration
        assertThat(figures(monitor.get(INDICATORS + "?period=2019-06").body(), "screeningToPresumedVictim"))
                .containsExactly(Map.entry("All", "suppressed"));
    }

    @Test
    void sharesAreCountsOfCountsAndSuppressedWhenEitherIsSmall() {
        JsonNode year = monitor.get(INDICATORS + "?period=2019").body();
        assertThat(figures(year, "identificationDecisionsPositive")).containsExactly(Map.entry("All", "12 of 32 = 37.5%"));
        assertThat(figures(year, "reflectionPeriodGranted")).containsExactly(Map.entry("All", "12 of 34 = 35.3%"));
        // two of twelve answered late: the two are a small cell
        assertThat(figures(year, "referralsAnsweredInTime")).containsExactly(Map.entry("All", "suppressed"));
        assertThat(figures(year, "referralsAccepted")).containsExactly(Map.entry("All", "12 of 12 = 100.0%"));
        assertThat(figures(year, "referralsCompleted")).containsExactly(Map.entry("All", "12 of 12 = 100.0%"));
        Map<String, String> services = figures(year, "identifiedVictimsReceivingService");
        assertThat(services).containsEntry("All/SAFE_ACCOMMODATION", "12 of 12 = 100.0%")
                .containsEntry("All/MEDICAL_CARE", "suppressed")
                .containsEntry("All/LEGAL_AID", "0 of 12 = 0.0%");
        assertThat(year.get("guardianTargetDays").asInt()).as("the default").isEqualTo(3);
        assertThat(figures(year, "childrenWithGuardianInTarget")).containsExactly(Map.entry("All", "10 of 10 = 100.0%"));
    }

    @Test
    void personsIdentifiedAgainAfterAClosedCaseAreCountedOnceByTheirNewCase() {
        assertThat(figures(monitor.get(INDICATORS + "?period=2019").body(), "identifiedAgainAfterClosedCase"))
                .containsExactly(Map.entry("All", "10"));
        assertThat(figures(monitor.get(INDICATORS + "?period=2019-Q4").body(), "identifiedAgainAfterClosedCase"))
                .containsExactly(Map.entry("All", "10"));
        assertThat(figures(monitor.get(INDICATORS + "?period=2019-Q2").body(), "identifiedAgainAfterClosedCase"))
                .isEmpty();
    }

    @Test
    void transnationalReferralsReturnsAndProceedingsAreCounted() {
        JsonNode year = monitor.get(INDICATORS + "?period=2019").body();
        assertThat(figures(year, "transnationalReferralsSent")).containsExactly(Map.entry("All", "10"));
        assertThat(figures(year, "transnationalReferralsReceived")).containsExactly(Map.entry("All", "suppressed"));
        assertThat(figures(year, "returns")).containsExactly(Map.entry("All", "10"));
        assertThat(figures(year, "assistedReturnReferrals")).containsExactly(Map.entry("All/transnational", "10"));
        assertThat(figures(year, "criminalProceedingsOpened")).containsExactly(Map.entry("All", "11"));
        JsonNode q3 = monitor.get(INDICATORS + "?period=2019-Q3").body();
        assertThat(figures(q3, "casesInCriminalProceedings")).isEmpty();
        JsonNode q4 = monitor.get(INDICATORS + "?period=2019-Q4").body();
        assertThat(figures(q4, "casesInCriminalProceedings")).containsExactly(Map.entry("All", "11"));
        assertThat(year.get("notComputed").valueStream().map(n -> n.get("indicator").asString()))
                .contains("criminalProceedingsOpened", "returns", "region");
    }

    @Test
    void feedbackIsCountedAndItsSharesSuppressedLikeAnyOther() {
        JsonNode year = monitor.get(INDICATORS + "?period=2019").body();
        assertThat(figures(year, "feedbackGiven")).containsExactly(Map.entry("All", "12"));
        // no answer (prefer not to say) is no row; 2 of 12 felt unsafe: a small cell
        assertThat(figures(year, "feedbackPositive")).containsOnly(Map.entry("All/SATISFIED", "12 of 12 = 100.0%"),
                Map.entry("All/FELT_SAFE", "suppressed"));
        assertThat(figures(monitor.get(INDICATORS + "?period=2019-Q3").body(), "feedbackGiven")).isEmpty();
        JsonNode bySector = monitor.get(INDICATORS + "?period=2019-11&by=detectingSector").body();
        assertThat(figures(bySector, "feedbackGiven")).containsOnly(Map.entry("LABOUR_INSPECTION", "12"),
                Map.entry("All", "12"));
        assertThat(year.toString()).as("no case named").doesNotContain("caseId");
    }

    @Test
    void theCsvHasOneLinePerRowAndOnlyTheMonitorMayAsk() throws Exception {
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + INDICATORS + "?period=2019&format=csv"))
                .header("Authorization", "Bearer " + TestTokens.get().forRole(Role.MONITOR, MONITOR_ORGANISATION))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith(
                "period,indicator,kind,unit,group,category,count,of,percent,median,p90,casesAtLeast,suppressed\r\n")
                .contains("2019,presumedVictims,COUNT,cases,All,,34,,,,,,false\r\n")
                .contains("2019,identificationDecisionsPositive,SHARE,percent,All,,12,32,37.5,,,,false\r\n")
                .contains("2019,referralsAnsweredInTime,SHARE,percent,All,,,,,,,,true\r\n");

        for (Role role : Role.values()) {
            if (role != Role.MONITOR) {
                assertThat(as(role, MONITOR_ORGANISATION).get(INDICATORS + "?period=2019").status()).as(role.name())
                        .isEqualTo(403);
            }
        }
        assertThat(anonymous.get(INDICATORS + "?period=2019").status()).isEqualTo(401);
    }

    /** The OpenAPI document names the endpoint, its parameters, its problems and its two forms. */
    @Test
    void theOpenApiDocumentDescribesTheIndicators() {
        JsonNode operation = anonymous.get("/v3/api-docs").body().at("/paths/~1api~1statistics~1indicators/get");
        assertThat(operation.get("parameters").valueStream().map(p -> p.get("name").asString()))
                .containsExactlyInAnyOrder("period", "by", "region", "detectingSector", "format");
        assertThat(operation.at("/responses/200/content").propertyNames()).contains("application/json", "text/csv");
        assertThat(operation.at("/responses/400/content").propertyNames()).contains("application/problem+json");
        assertThat(operation.at("/responses/403").isMissingNode()).isFalse();
    }

    /** The dashboard's gauges: the current periods' totals, each one the figure the API gives for that period. */
    @Test
    void theGaugesAreTheTotalsOfTheCurrentPeriods() throws Exception {
        // the other tests of this context record cases now, in numbers no test controls: whatever the figure, it is
        // never a small one (the registry shows no more than the monitor may see)
        for (Gauge gauge : meters.find("nrm.indicator.cases").gauges()) {
            assertThat(gauge.value()).as(gauge.getId().toString()).satisfiesAnyOf(
                    value -> assertThat(value).isNaN(), value -> assertThat(value).isGreaterThanOrEqualTo(10));
        }
        assertThat(meters.find("nrm.indicator.cases").tags("indicator", "presumedVictims", "period", "year").gauge())
                .isNotNull();
        assertThat(meters.find("nrm.indicator.percent").tags("indicator", "identifiedVictimsReceivingService",
                "category", "LEGAL_AID", "period", "quarter").gauge()).isNotNull();
        assertThat(meters.find("nrm.indicator.days").tags("indicator", "screeningToFirstReferral", "statistic", "p90",
                "period", "month").gauge()).isNotNull();
        assertThat(meters.find("nrm.indicator.cases").tags("indicator", "presumedVictims.sex").gauges())
                .as("no gauge per victim dimension: their categories are open-ended").isEmpty();

        // every series the Grafana dashboard charts is scraped, by the name and labels it asks for
        String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String dashboard = Files.readString(Path.of("..", "infra", "observability", "grafana", "dashboards",
                "nrm-indicators.json"));
        Matcher queried = Pattern.compile("(nrm_indicator_[a-z]+)\\{([^}]*)}").matcher(dashboard);
        int queries = 0;
        while (queried.find()) {
            queries++;
            String series = queried.group(1);
            Matcher indicator = Pattern.compile("indicator=~?\\\\\"([^\\\\]+)\\\\\"").matcher(queried.group(2));
            assertThat(indicator.find()).as(queried.group()).isTrue();
            for (String id : indicator.group(1).split("\\|")) {
                String name = id.replace(".*", "");
                assertThat(scraped.lines()).as("%s{indicator=%s} scraped", series, id).anyMatch(line ->
                        line.startsWith(series + "{") && line.contains("indicator=\"" + name)
                                && line.contains("period=\"year\""));
            }
        }
        assertThat(queries).as("the dashboard's queries").isGreaterThanOrEqualTo(8);
    }

    @Test
    void badQuestionsAreProblemsNamingTheParameter() {
        assertProblem(INDICATORS, "period");
        assertProblem(INDICATORS + "?period=2019-13", "period");
        assertProblem(INDICATORS + "?period=2019-Q5", "period");
        assertProblem(INDICATORS + "?period=19", "period");
        assertProblem(INDICATORS + "?period=2019&by=municipality", "by");
        assertProblem(INDICATORS + "?period=2019&region=Subotica", "region");
        assertProblem(INDICATORS + "?period=2019&by=region&detectingSector=POLICE", "detectingSector");
        assertProblem(INDICATORS + "?period=2019&format=xml", "format");
        assertProblem(INDICATORS + "?period=2019&groupBy=sex", "groupBy");
    }

    private void assertProblem(String path, String field) {
        Answer answer = monitor.get(path);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().at("/errors/0/field").asString()).as(path).isEqualTo(field);
    }

    /** An indicator's rows as "group" or "group/category" to "count", "n of m = p%", "median/p90 of n" or "suppressed". */
    private static Map<String, String> figures(JsonNode report, String indicator) {
        Map<String, String> figures = new HashMap<>();
        for (JsonNode row : indicator(report, indicator).get("rows")) {
            String key = row.get("group").asString() + (row.has("category") ? "/" + row.get("category").asString() : "");
            String figure;
            if (row.get("suppressed").asBoolean()) {
                figure = "suppressed";
            } else if (row.has("median")) {
                figure = row.get("median").asDouble() + "/" + row.get("p90").asDouble() + " of "
                        + row.get("casesAtLeast").asLong();
            } else if (row.has("percent")) {
                figure = row.get("count").asLong() + " of " + row.get("of").asLong() + " = " + row.get("percent").asDouble() + "%";
            } else {
                figure = Long.toString(row.get("count").asLong());
            }
            figures.put(key, figure);
        }
        return figures;
    }

    private static JsonNode indicator(JsonNode report, String id) {
        return report.get("indicators").valueStream().filter(i -> i.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no indicator " + id + " in " + report));
    }

    /** The count of an indicator's row, or a missing node. */
    private static JsonNode count(JsonNode report, String indicator, String group, String category) {
        return indicator(report, indicator).get("rows").valueStream()
                .filter(row -> row.get("group").asString().equals(group) && (category == null ? !row.has("category")
                        : category.equals(row.path("category").asString(null))))
                .findFirst().map(row -> row.has("count") ? row.get("count") : row).orElse(tools.jackson.databind.node.MissingNode.getInstance());
    }

    private UUID open(Instant screenedAt, String sector, String municipality, String sex, AgeCategory category,
                      String citizenship) {
        UUID caseId = UUID.randomUUID();
        append(caseId, 0, screenedAt, new CaseOpened(caseId, sector, screenedAt,
                new ScreeningLocation("RS", municipality, null),
                new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Given"),
                        personalData.seal(caseId, PersonalField.FAMILY_NAME, "Family"), null, category, sex,
                        List.of(citizenship)), POLICE));
        return caseId;
    }

    private FeedbackEvents.Answer answer(UUID caseId, String question, String answer) {
        return new FeedbackEvents.Answer(question, personalData.seal(caseId, PersonalField.FEEDBACK_ANSWER, answer));
    }

    private PresumedVictimFlagged flag(UUID caseId) {
        return new PresumedVictimFlagged(caseId, personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS,
                "grounds"), SOCIAL_WELFARE);
    }

    private IdentificationDecided decide(UUID caseId, IdentificationOutcome outcome, List<String> types) {
        return new IdentificationDecided(caseId, outcome, personalData.seal(caseId,
                PersonalField.IDENTIFICATION_REASONS, "reasons"), types, List.of());
    }

    private void append(UUID caseId, long sequence, Instant at, Object event) {
        appendTo("Case", caseId.toString(), sequence, at, event);
    }

    /** Recorded at {@code at}: the time the event store gives the event, which the indicators date it by. */
    private void appendTo(String type, String aggregateId, long sequence, Instant at, Object event) {
        events.appendEvents(new GenericDomainEventMessage<>(type, aggregateId, sequence, event, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at));
    }
}
