package org.nrmplatform.contracts.privacy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every field of an event that holds personal data of a data subject, and so is {@link Sealed}: the event
 * it is in and its path in the event's JSON. The name is bound into the seal (changing it makes stored
 * values unreadable); the data subject of a case's fields, and of its referrals' and outgoing transnational
 * referrals' fields, is the case; of an incoming transnational referral's, that referral.
 */
public enum PersonalField {
    GIVEN_NAME("CaseOpened", "dataSubject.givenName"),
    FAMILY_NAME("CaseOpened", "dataSubject.familyName"),
    DATE_OF_BIRTH("CaseOpened", "dataSubject.dateOfBirth"),
    EMERGENCY_TEMPORARY_REFERENCE("CaseRegisteredInEmergency", "temporaryReference"),
    PRESUMED_VICTIM_GROUNDS("PresumedVictimFlagged", "grounds"),
    IDENTIFICATION_REASONS("IdentificationDecided", "reasons"),
    GUARDIAN_NAME("GuardianAppointed", "guardianName"),
    CONSENT_NOTE("ConsentGiven", "note"),
    CONSENT_WITHDRAWAL_NOTE("ConsentWithdrawn", "note"),
    CLOSURE_NOTE("CaseClosed", "note"),
    FLAG_REASON("CaseFlagRaised", "reason"),
    FLAG_LIFTING_REASON("CaseFlagLifted", "reason"),
    TASK_DESCRIPTION("TaskAssigned", "description"),
    TASK_DONE_REASON("TaskDone", "reason"),
    TASK_CANCELLATION_REASON("TaskCancelled", "reason"),
    CONFERENCE_NOTE("ConferenceRecorded", "note"),
    CONFERENCE_DECISIONS("ConferenceRecorded", "decisions"),
    CONFERENCE_ACTION_ITEM("ConferenceRecorded", "actionItems.description"),
    FEEDBACK_ANSWER("FeedbackGiven", "answers.answer"),
    FEEDBACK_COMMENT("FeedbackGiven", "comment"),
    PLAN_NEED("NeedAssessed", "description"),
    PLAN_GOAL("PlanGoalSet", "description"),
    PLAN_AGREED_WITH("PlanAgreed", "withWhom"),
    PLAN_AGREEMENT_NOTE("PlanAgreed", "note"),
    PLAN_REVIEW_NOTE("PlanReviewed", "note"),
    APPROVAL_REQUEST("ApprovalRequested", "request"),
    APPROVAL_REJECTION_REASON("ApprovalRejected", "reason"),
    REFERRAL_NOTE("ReferralRequested", "note"),
    ACCEPTANCE_NOTE("ReferralAccepted", "note"),
    DECLINE_NOTE("ReferralDeclined", "note"),
    WITHDRAWAL_REASON("ReferralWithdrawn", "reason"),
    STEP_DELIVERED_BY("AssistanceStepRecorded", "deliveredBy"),
    STEP_OUTCOME("AssistanceStepRecorded", "outcome"),
    COMPLETION_OUTCOME("ReferralCompleted", "outcome"),
    SENT_PACKET("TransnationalReferralSent", "packet"),
    HELD_TRANSNATIONAL_REQUEST("TransnationalReferralHeld", "request"),
    RECEIVED_PACKET("TransnationalReferralReceived", "packet"),
    TRANSNATIONAL_ACCEPTANCE_NOTE("TransnationalReferralAccepted", "note"),
    TRANSNATIONAL_ACCEPTANCE_PACKET("TransnationalReferralAccepted", "packet"),
    TRANSNATIONAL_DECLINE_NOTE("TransnationalReferralDeclined", "note"),
    TRANSNATIONAL_DECLINE_PACKET("TransnationalReferralDeclined", "packet"),
    PEER_ACCEPTANCE_NOTE("TransnationalReferralAcceptedByPeer", "note"),
    PEER_ACCEPTANCE_PACKET("TransnationalReferralAcceptedByPeer", "packet"),
    PEER_DECLINE_NOTE("TransnationalReferralDeclinedByPeer", "note"),
    PEER_DECLINE_PACKET("TransnationalReferralDeclinedByPeer", "packet");

    private final String event;
    private final String path;

    PersonalField(String event, String path) {
        this.event = event;
        this.path = path;
    }

    /** The simple name of the event type that holds the field. */
    public String event() {
        return event;
    }

    /** The field's path in the event's JSON, dot-separated. */
    public String path() {
        return path;
    }

    /** The field at {@code path} of an event of type {@code event} (its simple name). */
    public static Optional<PersonalField> at(String event, String path) {
        return Arrays.stream(values()).filter(field -> field.event.equals(event) && field.path.equals(path))
                .findFirst();
    }
}
