package org.nrmplatform.referralservice.transnational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.DiagnosingMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.contracts.referrals.Urgency;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAccepted;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcceptedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledged;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralAcknowledgedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclined;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralDeclinedByPeer;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralHeld;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralNotSent;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralReceived;
import org.nrmplatform.contracts.transnational.TransnationalEvents.TransnationalReferralSent;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.AcceptTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DeclineTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.DropHeldTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.HoldTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.ReceiveTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.RecordPeerAnswer;
import org.nrmplatform.referralservice.transnational.TransnationalCommands.SendTransnationalReferral;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Direction;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.State;
import org.nrmplatform.referralservice.transnational.TransnationalReferral.Status;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * The transnational referral aggregate, command by command, as the Serbian NRM (RS-NRM, this installation)
 * records it: OUTGOING referrals it sends to the Albanian NRM (AL-NRM) and whose answers it imports; INCOMING
 * referrals AL-NRM sent here, received, acknowledged and answered here. Every transition records exactly its
 * events; a packet issued here is checked by its content and its signature with this installation's key;
 * every refusal records nothing and says why.
 */
class TransnationalReferralTest {

    private static final UUID REFERRAL_ID = UUID.fromString("7e000000-0000-4000-8000-000000000001");
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID CONSENT_ID = UUID.fromString("c1000000-0000-4000-8000-000000000001");
    private static final String WELFARE = "0f6a3c1e-2222-4a2b-9c3d-000000000002";
    private static final String COORDINATION = "0f6a3c1e-3333-4a2b-9c3d-000000000003";
    private static final String PEER = "AL-NRM";
    private static final Instant RESPOND_BY = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant PEER_RECEIVED_AT = Instant.now().minus(1, ChronoUnit.HOURS)
            .truncatedTo(ChronoUnit.SECONDS);

    /** Seals with a fixed nonce, so that expected events compare equal; never outside tests. */
    private static final PersonalData PERSONAL_DATA = new PersonalData(new InMemorySubjectKeys(), () -> new byte[12]);

    private static final KeyPair SERBIAN_KEYS = PacketTest.keys();
    private static final Installation SERBIA = new Installation("RS-NRM", "RS", "rs-key-1", SERBIAN_KEYS, Clock.systemUTC());
    private static final Installation ALBANIA = new Installation(PEER, "AL", "al-key-1", PacketTest.keys(), Clock.systemUTC());
    private static final Installation NORTH_MACEDONIA = new Installation("MK-NRM", "MK", "mk-key-1",
            PacketTest.keys(), Clock.systemUTC());

    private static final Packet.Body REFERRAL_BODY = new Packet.Body(AgeCategory.ADULT, "Feminine", List.of("AL"),
            1998, "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, "Returns on Friday's flight",
            new Packet.Consent(CONSENT_ID, List.of("TRANSNATIONAL_REFERRAL")), null, null);

    /** The sending side, as recorded here: the referral left for AL-NRM. */
    private static final TransnationalReferralSent SENT = new TransnationalReferralSent(REFERRAL_ID, CASE_ID, WELFARE,
            PEER, CONSENT_ID, "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, UUID.randomUUID(),
            seal(CASE_ID, PersonalField.SENT_PACKET, "{\"sent\":1}"));
    private static final TransnationalReferralAcknowledgedByPeer ACKNOWLEDGED_BY_PEER =
            new TransnationalReferralAcknowledgedByPeer(REFERRAL_ID, CASE_ID, PEER, PEER_RECEIVED_AT,
                    UUID.randomUUID(), "{\"ack\":1}");
    private static final TransnationalReferralAcceptedByPeer ACCEPTED_BY_PEER = new TransnationalReferralAcceptedByPeer(
            REFERRAL_ID, CASE_ID, PEER, seal(CASE_ID, PersonalField.PEER_ACCEPTANCE_NOTE, "Shelter in Tirana"),
            UUID.randomUUID(), seal(CASE_ID, PersonalField.PEER_ACCEPTANCE_PACKET, "{\"acceptance\":1}"));
    private static final TransnationalReferralDeclinedByPeer DECLINED_BY_PEER = new TransnationalReferralDeclinedByPeer(
            REFERRAL_ID, CASE_ID, PEER, "NO_CAPACITY", seal(CASE_ID, PersonalField.PEER_DECLINE_NOTE, "Full until March"),
            UUID.randomUUID(), seal(CASE_ID, PersonalField.PEER_DECLINE_PACKET, "{\"decline\":1}"));

    /** The receiving side, as recorded here: AL-NRM's referral imported and acknowledged. */
    private static final TransnationalReferralReceived RECEIVED = new TransnationalReferralReceived(REFERRAL_ID, PEER,
            COORDINATION, "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, UUID.randomUUID(),
            seal(REFERRAL_ID, PersonalField.RECEIVED_PACKET, "{\"referral\":1}"));
    private static final TransnationalReferralAcknowledged ACKNOWLEDGED = new TransnationalReferralAcknowledged(
            REFERRAL_ID, PEER, Instant.now().truncatedTo(ChronoUnit.SECONDS), UUID.randomUUID(), "{\"ack\":2}");
    private static final TransnationalReferralAccepted ACCEPTED = new TransnationalReferralAccepted(REFERRAL_ID, PEER,
            null, UUID.randomUUID(),
            seal(REFERRAL_ID, PersonalField.TRANSNATIONAL_ACCEPTANCE_PACKET, "{\"acceptance\":2}"));
    private static final TransnationalReferralDeclined DECLINED = new TransnationalReferralDeclined(REFERRAL_ID, PEER,
            "NO_CAPACITY", null, UUID.randomUUID(),
            seal(REFERRAL_ID, PersonalField.TRANSNATIONAL_DECLINE_PACKET, "{\"decline\":2}"));

    private FixtureConfiguration<TransnationalReferral> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TransnationalReferral.class);
        fixture.registerInjectableResource(SERBIA);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(PERSONAL_DATA);
        fixture.registerInjectableResource(Clock.systemUTC());
    }

    private static Sealed seal(UUID subject, PersonalField field, String clear) {
        return PERSONAL_DATA.seal(subject, field, clear);
    }

    private static String open(Sealed sealed, PersonalField field) {
        return PERSONAL_DATA.reading().open(sealed, field);
    }

    // --- sending side -------------------------------------------------------------------------------------

    @Test
    void aReferralIsSentToThePeerAsAPacketSignedHere() {
        fixture.givenNoPriorActivity()
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY, null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(TransnationalReferralSent.class, sent -> {
                            assertThat(sent).usingRecursiveComparison().ignoringFields("packetId", "packet")
                                    .isEqualTo(new TransnationalReferralSent(REFERRAL_ID, CASE_ID, WELFARE, PEER,
                                            CONSENT_ID, "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, null,
                                            null));
                            Packet packet = issuedHere(open(sent.packet(), PersonalField.SENT_PACKET), sent.packetId(),
                                    Packet.Type.REFERRAL);
                            assertThat(packet.body()).as("what is disclosed").isEqualTo(REFERRAL_BODY);
                            assertThat(open(sent.packet(), PersonalField.SENT_PACKET)).doesNotContain(CASE_ID.toString(), WELFARE);
                        }),
                        andNoMore())));
    }

    // --- held for approval (four eyes) ---------------------------------------------------------------------

    private static final UUID APPROVAL_ID = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final TransnationalReferralHeld HELD = new TransnationalReferralHeld(REFERRAL_ID, CASE_ID,
            APPROVAL_ID, WELFARE, PEER, "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY,
            seal(CASE_ID, PersonalField.HELD_TRANSNATIONAL_REQUEST, "{\"note\":\"Returns on Friday's flight\"}"));

    @Test
    void aHeldReferralIsRecordedSealedAndNothingIsSent() {
        fixture.givenNoPriorActivity()
                .when(new HoldTransnationalReferral(REFERRAL_ID, CASE_ID, APPROVAL_ID, WELFARE, PEER,
                        "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY,
                        "{\"note\":\"Returns on Friday's flight\"}"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(HELD);
    }

    @Test
    void aHeldReferralIsSentOnceForItsApproval() {
        fixture.given(HELD)
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY, APPROVAL_ID))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(TransnationalReferralSent.class, sent -> assertThat(sent.peerInstallationId())
                                .isEqualTo(PEER)),
                        andNoMore())))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.SENT, false));
        fixture.given(HELD, SENT)
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY, APPROVAL_ID))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "exists already: SENT"))
                .expectNoEvents();
    }

    @Test
    void aHeldReferralIsNotSentWithoutItsApproval() {
        fixture.given(HELD)
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY, null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "exists already: HELD"))
                .expectNoEvents();
        fixture.given(HELD)
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY,
                        UUID.randomUUID()))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aRejectedOrWithdrawnReferralIsNeverSent() {
        fixture.given(HELD)
                .when(new DropHeldTransnationalReferral(REFERRAL_ID, APPROVAL_ID, "rejected by an approver"))
                .expectEvents(new TransnationalReferralNotSent(REFERRAL_ID, CASE_ID, APPROVAL_ID,
                        "rejected by an approver"))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.NOT_SENT, false));
        fixture.given(HELD, new TransnationalReferralNotSent(REFERRAL_ID, CASE_ID, APPROVAL_ID, "withdrawn"))
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, REFERRAL_BODY, APPROVAL_ID))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "NOT_SENT"))
                .expectNoEvents();
        fixture.given(HELD, SENT)
                .when(new DropHeldTransnationalReferral(REFERRAL_ID, APPROVAL_ID, "withdrawn by its requester"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aRespondByThatIsNotInTheFutureIsRefused() {
        Packet.Body overdue = new Packet.Body(AgeCategory.ADULT, "Feminine", List.of("AL"), 1998,
                "SAFE_ACCOMMODATION", Urgency.URGENT, Instant.now().minusSeconds(60), null,
                new Packet.Consent(CONSENT_ID, List.of("TRANSNATIONAL_REFERRAL")), null, null);
        fixture.givenNoPriorActivity()
                .when(new SendTransnationalReferral(REFERRAL_ID, CASE_ID, WELFARE, PEER, overdue, null))
                .expectException(refused(RuleViolation.Kind.RULE_NOT_MET, "respondBy", "must be in the future"))
                .expectNoEvents();
    }

    @Test
    void thePeersAcknowledgementIsImported() {
        RecordPeerAnswer answer = fromAlbania(Packet.Type.ACKNOWLEDGEMENT, Packet.Body.acknowledgement(PEER_RECEIVED_AT));
        fixture.given(SENT)
                .when(answer)
                .expectEvents(new TransnationalReferralAcknowledgedByPeer(REFERRAL_ID, CASE_ID, PEER, PEER_RECEIVED_AT,
                        answer.packet().packetId(), answer.json()))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.SENT, true));
    }

    @Test
    void thePeersAcknowledgementIsImportedOnlyOnce() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(fromAlbania(Packet.Type.ACKNOWLEDGEMENT, Packet.Body.acknowledgement(PEER_RECEIVED_AT)))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "is already acknowledged"))
                .expectNoEvents();
    }

    @Test
    void anAcknowledgementOvertakenByThePeersAnswerIsStillImported() {
        RecordPeerAnswer answer = fromAlbania(Packet.Type.ACKNOWLEDGEMENT, Packet.Body.acknowledgement(PEER_RECEIVED_AT));
        fixture.given(SENT, ACCEPTED_BY_PEER)
                .when(answer)
                .expectEvents(new TransnationalReferralAcknowledgedByPeer(REFERRAL_ID, CASE_ID, PEER, PEER_RECEIVED_AT,
                        answer.packet().packetId(), answer.json()))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.ACCEPTED, true));
    }

    @Test
    void thePeersAcceptanceIsImported() {
        RecordPeerAnswer answer = fromAlbania(Packet.Type.ACCEPTANCE, Packet.Body.answer(null, "Shelter in Tirana"));
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(answer)
                .expectEvents(new TransnationalReferralAcceptedByPeer(REFERRAL_ID, CASE_ID, PEER,
                        seal(CASE_ID, PersonalField.PEER_ACCEPTANCE_NOTE, "Shelter in Tirana"),
                        answer.packet().packetId(), seal(CASE_ID, PersonalField.PEER_ACCEPTANCE_PACKET, answer.json())))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.ACCEPTED, true));
    }

    @Test
    void thePeersAcceptanceBeforeItsAcknowledgementIsImported() {
        RecordPeerAnswer answer = fromAlbania(Packet.Type.ACCEPTANCE, null);
        fixture.given(SENT)
                .when(answer)
                .expectEvents(new TransnationalReferralAcceptedByPeer(REFERRAL_ID, CASE_ID, PEER, null,
                        answer.packet().packetId(), seal(CASE_ID, PersonalField.PEER_ACCEPTANCE_PACKET, answer.json())))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.ACCEPTED, false));
    }

    @Test
    void thePeersAcceptanceIsImportedOnlyOnce() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER, ACCEPTED_BY_PEER)
                .when(fromAlbania(Packet.Type.ACCEPTANCE, Packet.Body.answer(null, "Again")))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only a sent transnational referral can be accepted; this one is ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void aReferralThePeerDeclinedCannotBeAcceptedByIt() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER, DECLINED_BY_PEER)
                .when(fromAlbania(Packet.Type.ACCEPTANCE, Packet.Body.answer(null, null)))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "this one is DECLINED"))
                .expectNoEvents();
    }

    @Test
    void thePeersDeclineIsImportedWithItsReason() {
        RecordPeerAnswer answer = fromAlbania(Packet.Type.DECLINE, Packet.Body.answer("NO_CAPACITY", "Full until March"));
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(answer)
                .expectEvents(new TransnationalReferralDeclinedByPeer(REFERRAL_ID, CASE_ID, PEER, "NO_CAPACITY",
                        seal(CASE_ID, PersonalField.PEER_DECLINE_NOTE, "Full until March"), answer.packet().packetId(),
                        seal(CASE_ID, PersonalField.PEER_DECLINE_PACKET, answer.json())))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.OUTGOING, Status.DECLINED, true));
    }

    @Test
    void thePeersDeclineIsImportedOnlyOnce() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER, DECLINED_BY_PEER)
                .when(fromAlbania(Packet.Type.DECLINE, Packet.Body.answer("NO_CAPACITY", null)))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only a sent transnational referral can be declined; this one is DECLINED"))
                .expectNoEvents();
    }

    @Test
    void aReferralThePeerAcceptedCannotBeDeclinedByIt() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER, ACCEPTED_BY_PEER)
                .when(fromAlbania(Packet.Type.DECLINE, Packet.Body.answer("NO_CAPACITY", null)))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "this one is ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void anAnswerFromAnInstallationTheReferralWasNotSentToIsRefused() {
        Packet packet = NORTH_MACEDONIA.issue(Packet.Type.ACCEPTANCE, REFERRAL_ID, "RS-NRM",
                Packet.Body.answer(null, "We can take her"));
        fixture.given(SENT)
                .when(new RecordPeerAnswer(REFERRAL_ID, packet, packet.json()))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "was sent from this installation to MK-NRM"))
                .expectNoEvents();
    }

    @Test
    void aReferralPacketForAReferralSentFromHereIsRefused() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(fromAlbania(Packet.Type.REFERRAL, REFERRAL_BODY))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "already exists here"))
                .expectNoEvents();
    }

    @Test
    void thePeersAnswersCannotBeImportedForAReferralItSentHere() {
        for (Packet.Type type : List.of(Packet.Type.ACKNOWLEDGEMENT, Packet.Type.ACCEPTANCE, Packet.Type.DECLINE)) {
            fixture.given(RECEIVED, ACKNOWLEDGED)
                    .when(fromAlbania(type, Packet.Body.answer("NO_CAPACITY", null)))
                    .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                            "no transnational referral " + REFERRAL_ID + " was sent from this installation to "
                                    + PEER))
                    .expectNoEvents();
        }
    }

    // --- receiving side -----------------------------------------------------------------------------------

    @Test
    void aReferralFromThePeerIsReceivedAsItArrivedAndAcknowledgedAtOnce() {
        Packet packet = ALBANIA.issue(Packet.Type.REFERRAL, REFERRAL_ID, "RS-NRM", REFERRAL_BODY);
        String asItArrived = Packet.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Packet.JSON.readTree(packet.json()));
        Instant before = Instant.now();
        fixture.givenNoPriorActivity()
                .when(new ReceiveTransnationalReferral(REFERRAL_ID, COORDINATION, packet, asItArrived))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(TransnationalReferralReceived.class, received -> assertThat(received).isEqualTo(
                                new TransnationalReferralReceived(REFERRAL_ID, PEER, COORDINATION,
                                        "SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, packet.packetId(),
                                        seal(REFERRAL_ID, PersonalField.RECEIVED_PACKET, asItArrived)))),
                        event(TransnationalReferralAcknowledged.class, acknowledged -> {
                            assertThat(acknowledged.transnationalReferralId()).isEqualTo(REFERRAL_ID);
                            assertThat(acknowledged.peerInstallationId()).isEqualTo(PEER);
                            assertThat(acknowledged.receivedAt()).isBetween(before, Instant.now());
                            Packet acknowledgement = issuedHere(acknowledged.packet(), acknowledged.packetId(),
                                    Packet.Type.ACKNOWLEDGEMENT);
                            assertThat(acknowledgement.body())
                                    .isEqualTo(Packet.Body.acknowledgement(acknowledged.receivedAt()));
                        }),
                        andNoMore())));
    }

    @Test
    void aReferralPacketThatLeavesOutWhatAReferralMustSayIsRefused() {
        Packet.Consent consent = REFERRAL_BODY.consent();
        List<Packet.Body> incomplete = List.of(
                body("SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY, null),
                body(null, Urgency.URGENT, RESPOND_BY, consent),
                body("SAFE_ACCOMMODATION", null, RESPOND_BY, consent),
                body("SAFE_ACCOMMODATION", Urgency.URGENT, null, consent),
                body("SAFE_ACCOMMODATION", Urgency.URGENT, RESPOND_BY,
                        new Packet.Consent(null, List.of("TRANSNATIONAL_REFERRAL"))));
        for (Packet.Body body : incomplete) {
            Packet packet = ALBANIA.issue(Packet.Type.REFERRAL, REFERRAL_ID, "RS-NRM", body);
            fixture.givenNoPriorActivity()
                    .when(new ReceiveTransnationalReferral(REFERRAL_ID, COORDINATION, packet, packet.json()))
                    .expectException(refused(RuleViolation.Kind.RULE_NOT_MET, "body",
                            "names the service, urgency, respond-by and the consent"))
                    .expectNoEvents();
        }
        Packet withoutBody = ALBANIA.issue(Packet.Type.REFERRAL, REFERRAL_ID, "RS-NRM", null);
        fixture.givenNoPriorActivity()
                .when(new ReceiveTransnationalReferral(REFERRAL_ID, COORDINATION, withoutBody, withoutBody.json()))
                .expectException(refused(RuleViolation.Kind.RULE_NOT_MET, "body", "a referral packet names"))
                .expectNoEvents();
    }

    @Test
    void anIncomingReferralIsAcceptedHere() {
        fixture.given(RECEIVED, ACKNOWLEDGED)
                .when(new AcceptTransnationalReferral(REFERRAL_ID, "Shelter in Tirana, from Friday"))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.INCOMING, Status.ACCEPTED, true))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(TransnationalReferralAccepted.class, accepted -> {
                            assertThat(accepted).usingRecursiveComparison().ignoringFields("packetId", "packet")
                                    .isEqualTo(new TransnationalReferralAccepted(REFERRAL_ID, PEER,
                                            seal(REFERRAL_ID, PersonalField.TRANSNATIONAL_ACCEPTANCE_NOTE,
                                                    "Shelter in Tirana, from Friday"), null, null));
                            Packet acceptance = issuedHere(open(accepted.packet(),
                                    PersonalField.TRANSNATIONAL_ACCEPTANCE_PACKET), accepted.packetId(),
                                    Packet.Type.ACCEPTANCE);
                            assertThat(acceptance.body())
                                    .isEqualTo(Packet.Body.answer(null, "Shelter in Tirana, from Friday"));
                        }),
                        andNoMore())));
    }

    @Test
    void anIncomingReferralIsDeclinedHereWithAReasonFromTheCodeList() {
        fixture.given(RECEIVED, ACKNOWLEDGED)
                .when(new DeclineTransnationalReferral(REFERRAL_ID, "NO_CAPACITY", "Full until March"))
                .expectResultMessagePayload(new State(REFERRAL_ID, Direction.INCOMING, Status.DECLINED, true))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(TransnationalReferralDeclined.class, declined -> {
                            assertThat(declined).usingRecursiveComparison().ignoringFields("packetId", "packet")
                                    .isEqualTo(new TransnationalReferralDeclined(REFERRAL_ID, PEER, "NO_CAPACITY",
                                            seal(REFERRAL_ID, PersonalField.TRANSNATIONAL_DECLINE_NOTE, "Full until March"),
                                            null, null));
                            Packet decline = issuedHere(open(declined.packet(),
                                    PersonalField.TRANSNATIONAL_DECLINE_PACKET), declined.packetId(), Packet.Type.DECLINE);
                            assertThat(decline.body())
                                    .isEqualTo(Packet.Body.answer("NO_CAPACITY", "Full until March"));
                        }),
                        andNoMore())));
    }

    @Test
    void aDeclineReasonOutsideTheCodeListIsRefused() {
        fixture.given(RECEIVED, ACKNOWLEDGED)
                .when(new DeclineTransnationalReferral(REFERRAL_ID, "BUSY", null))
                .expectException(refused(RuleViolation.Kind.RULE_NOT_MET, "reason", "unknown decline-reason"))
                .expectNoEvents();
    }

    @Test
    void anIncomingReferralIsAcceptedOnlyOnce() {
        fixture.given(RECEIVED, ACKNOWLEDGED, ACCEPTED)
                .when(new AcceptTransnationalReferral(REFERRAL_ID, null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only a received transnational referral can be accepted; this one is ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void aDeclinedIncomingReferralCannotBeAccepted() {
        fixture.given(RECEIVED, ACKNOWLEDGED, DECLINED)
                .when(new AcceptTransnationalReferral(REFERRAL_ID, null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "this one is DECLINED"))
                .expectNoEvents();
    }

    @Test
    void anIncomingReferralIsDeclinedOnlyOnce() {
        fixture.given(RECEIVED, ACKNOWLEDGED, DECLINED)
                .when(new DeclineTransnationalReferral(REFERRAL_ID, "NO_CAPACITY", null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only a received transnational referral can be declined; this one is DECLINED"))
                .expectNoEvents();
    }

    @Test
    void anAcceptedIncomingReferralCannotBeDeclined() {
        fixture.given(RECEIVED, ACKNOWLEDGED, ACCEPTED)
                .when(new DeclineTransnationalReferral(REFERRAL_ID, "NO_CAPACITY", null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null, "this one is ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void aReferralSentFromHereCannotBeAcceptedHere() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(new AcceptTransnationalReferral(REFERRAL_ID, null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only the receiving NRM can answer it"))
                .expectNoEvents();
    }

    @Test
    void aReferralSentFromHereCannotBeDeclinedHere() {
        fixture.given(SENT, ACKNOWLEDGED_BY_PEER)
                .when(new DeclineTransnationalReferral(REFERRAL_ID, "NO_CAPACITY", null))
                .expectException(refused(RuleViolation.Kind.STATE_DOES_NOT_ALLOW, null,
                        "only the receiving NRM can answer it"))
                .expectNoEvents();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A packet AL-NRM issued for this referral, as PacketImport hands it over once verified. */
    private static RecordPeerAnswer fromAlbania(Packet.Type type, Packet.Body body) {
        Packet packet = ALBANIA.issue(type, REFERRAL_ID, "RS-NRM", body);
        return new RecordPeerAnswer(REFERRAL_ID, packet, packet.json());
    }

    private static Packet.Body body(String serviceType, Urgency urgency, Instant respondBy, Packet.Consent consent) {
        return new Packet.Body(AgeCategory.ADULT, "Feminine", List.of("AL"), 1998, serviceType, urgency, respondBy,
                null, consent, null, null);
    }

    /** The packet kept in an event: issued here for this referral to AL-NRM, and signed with this key. */
    private static Packet issuedHere(String json, UUID packetId, Packet.Type type) {
        assertThat(Packet.signatureVerifies(json, SERBIAN_KEYS.getPublic())).as("signed here").isTrue();
        Packet packet = Packet.read(json);
        assertThat(packet.packetId()).isEqualTo(packetId);
        assertThat(packet.type()).isEqualTo(type);
        assertThat(packet.transnationalReferralId()).isEqualTo(REFERRAL_ID);
        assertThat(packet.from()).isEqualTo(new Packet.Sender("RS-NRM", "RS"));
        assertThat(packet.to()).isEqualTo(PEER);
        assertThat(packet.keyId()).isEqualTo("rs-key-1");
        assertThat(packet.issuedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        return packet;
    }

    /** A payload of {@code type} that passes the AssertJ checks in {@code check}; a failure is the mismatch. */
    private static <T> Matcher<Object> event(Class<T> type, Consumer<T> check) {
        return new DiagnosingMatcher<>() {
            @Override
            protected boolean matches(Object item, Description mismatch) {
                if (!type.isInstance(item)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                try {
                    check.accept(type.cast(item));
                    return true;
                } catch (AssertionError e) {
                    mismatch.appendText(e.getMessage());
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " as checked");
            }
        };
    }

    /** A RuleViolation of {@code kind}, naming {@code field} (null: the state as a whole), saying {@code why}. */
    private static Matcher<Object> refused(RuleViolation.Kind kind, String field, String why) {
        return new DiagnosingMatcher<>() {
            @Override
            protected boolean matches(Object item, Description mismatch) {
                if (!(item instanceof RuleViolation violation) || violation.kind() != kind
                        || !java.util.Objects.equals(violation.field(), field)
                        || !violation.getMessage().contains(why)) {
                    mismatch.appendText("was ").appendValue(item);
                    if (item instanceof RuleViolation violation) {
                        mismatch.appendText(" (" + violation.kind() + ", field " + violation.field() + ")");
                    }
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " RuleViolation on " + field + " saying \"" + why + "\"");
            }
        };
    }
}
