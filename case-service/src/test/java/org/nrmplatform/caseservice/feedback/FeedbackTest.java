package org.nrmplatform.caseservice.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.CheckFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.GiveFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.IssueFeedbackLink;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RecordFeedback;
import org.nrmplatform.caseservice.feedback.FeedbackCommands.RevokeFeedbackLink;
import org.nrmplatform.contracts.feedback.FeedbackEvents.Answer;
import org.nrmplatform.contracts.feedback.FeedbackEvents.Channel;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackGiven;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkIssued;
import org.nrmplatform.contracts.feedback.FeedbackEvents.FeedbackLinkRevoked;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.domain.RuleViolation;
import org.nrmplatform.shared.domain.RuleViolation.Kind;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.testing.InMemorySubjectKeys;

/**
 * A feedback request, command by command: recorded by the case manager or given once through a link, its answers
 * and comment sealed, questions in clear and in the questionnaire's order; a link used, expired, revoked, of an
 * erased case or checked with another token is refused the same way; answers outside the questionnaire are refused
 * naming the question.
 */
class FeedbackTest {

    private static final String WELFARE = "3b0c8a52-7f2e-4f39-8d3a-5c8f0e2a9b11";
    private static final UUID CASE_ID = UUID.fromString("6f1c2a7e-0d4b-4c1e-9a53-2b8e7d9f0a11");
    private static final UUID FEEDBACK_ID = UUID.fromString("fb000000-0000-4000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(14, ChronoUnit.DAYS);
    private static final String HASH = "ab".repeat(32);
    private static final String COMMENT = "The interpreter at the police station did not speak my dialect";

    private InMemorySubjectKeys keys;
    private PersonalData personalData;
    private FixtureConfiguration<Feedback> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemorySubjectKeys();
        personalData = new PersonalData(keys, () -> new byte[12]);
        fixture = new AggregateTestFixture<>(Feedback.class);
        fixture.registerInjectableResource(CodeLists.load());
        fixture.registerInjectableResource(personalData);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theCaseManagerRecordsFeedbackWithAnswersAndCommentSealedInTheQuestionnairesOrder() {
        fixture.givenNoPriorActivity()
                .when(new RecordFeedback(FEEDBACK_ID, CASE_ID, Map.of("FELT_SAFE", "PARTLY", "SATISFIED", "YES"),
                        COMMENT, "sq"), actor(Role.CASE_MANAGER))
                .expectEvents(new FeedbackGiven(FEEDBACK_ID, CASE_ID, Channel.CASE_MANAGER,
                        List.of(answer("SATISFIED", "YES"), answer("FELT_SAFE", "PARTLY")),
                        seal(PersonalField.FEEDBACK_COMMENT, COMMENT), "sq"));
        assertThat(seal(PersonalField.FEEDBACK_COMMENT, COMMENT).ciphertext()).doesNotContain("interpreter");
    }

    @Test
    void answersOutsideTheQuestionnaireAndEmptyFeedbackAreRefusedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new RecordFeedback(FEEDBACK_ID, CASE_ID, Map.of("SATISFIED", "MAYBE"), null, null),
                        actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "answers.SATISFIED"));
        fixture.givenNoPriorActivity()
                .when(new RecordFeedback(FEEDBACK_ID, CASE_ID, Map.of("FAVOURITE_COLOUR", "YES"), null, null),
                        actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "answers"));
        fixture.givenNoPriorActivity()
                .when(new RecordFeedback(FEEDBACK_ID, CASE_ID, Map.of(), "  ", null), actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "answers"));
    }

    @Test
    void aLinkIsIssuedWithItsHashAndExpiryByTheCaseManagersOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new IssueFeedbackLink(FEEDBACK_ID, CASE_ID, HASH, EXPIRES, "sq"), actor(Role.CASE_MANAGER))
                .expectEvents(new FeedbackLinkIssued(FEEDBACK_ID, CASE_ID, WELFARE, HASH, EXPIRES, "sq"));
        fixture.givenNoPriorActivity()
                .when(new IssueFeedbackLink(FEEDBACK_ID, CASE_ID, HASH, NOW, "sq"), actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.RULE_NOT_MET, "expiresAt"));
    }

    @Test
    void thePersonGivesFeedbackOnceThroughAUsableLink() {
        fixture.given(issued())
                .when(new CheckFeedbackLink(FEEDBACK_ID, HASH))
                .expectNoEvents().expectResultMessagePayload("sq");
        fixture.given(issued())
                .when(new GiveFeedback(FEEDBACK_ID, HASH, Map.of("FELT_RESPECTED", "NO"), null, "sq"))
                .expectEvents(new FeedbackGiven(FEEDBACK_ID, CASE_ID, Channel.LINK,
                        List.of(answer("FELT_RESPECTED", "NO")), null, "sq"));
    }

    @Test
    void aUsedExpiredRevokedOrErasedLinkAndAnotherTokenAreRefusedAlike() {
        FeedbackGiven given = new FeedbackGiven(FEEDBACK_ID, CASE_ID, Channel.LINK, List.of(answer("SATISFIED", "YES")),
                null, "sq");
        GiveFeedback again = new GiveFeedback(FEEDBACK_ID, HASH, Map.of("SATISFIED", "YES"), null, "sq");
        fixture.given(issued(), given).when(again)
                .expectNoEvents().expectException(FeedbackLinkUnusable.class);
        fixture.given(issued(), new FeedbackLinkRevoked(FEEDBACK_ID, CASE_ID)).when(again)
                .expectNoEvents().expectException(FeedbackLinkUnusable.class);
        fixture.given(issued()).when(new GiveFeedback(FEEDBACK_ID, "cd".repeat(32), Map.of("SATISFIED", "YES"),
                        null, "sq"))
                .expectNoEvents().expectException(FeedbackLinkUnusable.class);
        fixture.given(new FeedbackLinkIssued(FEEDBACK_ID, CASE_ID, WELFARE, HASH, NOW, "sq")).when(again)
                .expectNoEvents().expectException(FeedbackLinkUnusable.class);
        fixture.given(issued()).when(new CheckFeedbackLink(FEEDBACK_ID, HASH))
                .expectSuccessfulHandlerExecution();
        keys.destroy(CASE_ID.toString());
        fixture.given(issued()).when(new CheckFeedbackLink(FEEDBACK_ID, HASH))
                .expectNoEvents().expectException(FeedbackLinkUnusable.class);
    }

    @Test
    void aLinkIsRevokedOnceAndNotAfterItWasUsed() {
        fixture.given(issued())
                .when(new RevokeFeedbackLink(FEEDBACK_ID, CASE_ID), actor(Role.CASE_MANAGER))
                .expectEvents(new FeedbackLinkRevoked(FEEDBACK_ID, CASE_ID));
        fixture.given(issued(), new FeedbackLinkRevoked(FEEDBACK_ID, CASE_ID))
                .when(new RevokeFeedbackLink(FEEDBACK_ID, CASE_ID), actor(Role.CASE_MANAGER))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(issued(), new FeedbackGiven(FEEDBACK_ID, CASE_ID, Channel.LINK, List.of(), seal(
                        PersonalField.FEEDBACK_COMMENT, COMMENT), "sq"))
                .when(new RevokeFeedbackLink(FEEDBACK_ID, CASE_ID), actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
        fixture.given(issued())
                .when(new RevokeFeedbackLink(FEEDBACK_ID, UUID.randomUUID()), actor(Role.CASE_MANAGER))
                .expectNoEvents().expectException(violation(Kind.STATE_DOES_NOT_ALLOW, null));
    }

    private static FeedbackLinkIssued issued() {
        return new FeedbackLinkIssued(FEEDBACK_ID, CASE_ID, WELFARE, HASH, EXPIRES, "sq");
    }

    private Answer answer(String question, String answer) {
        return new Answer(question, seal(PersonalField.FEEDBACK_ANSWER, answer));
    }

    private Sealed seal(PersonalField field, String clear) {
        return personalData.seal(CASE_ID, field, clear);
    }

    private static Map<String, Object> actor(Role... roles) {
        return new Actor("user-1", "client-1", WELFARE, "csw", "RS", Set.of(roles)).toMetadata();
    }

    private static Matcher<RuleViolation> violation(Kind kind, String field) {
        return Matchers.predicate(violation -> violation.kind() == kind && Objects.equals(violation.field(), field));
    }
}
