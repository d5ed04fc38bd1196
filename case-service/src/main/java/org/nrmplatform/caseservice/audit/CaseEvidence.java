package org.nrmplatform.caseservice.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.contracts.audit.AuditEvents;
import org.nrmplatform.contracts.audit.AuditEvents.LegalBasisRecorded;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.StreamEvidence;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.security.Actor;
import org.nrmplatform.shared.store.EventEvidence;
import org.nrmplatform.shared.store.EventJson;
import org.springframework.stereotype.Component;

/**
 * A case's records as evidence: the streams {@link CaseHistory} names for it, read as stored with their
 * hashes, checked against the latest checkpoint, and exported for a court on a recorded legal basis.
 */
@Component
public class CaseEvidence {

    /** A legal basis as recorded: what, by whom (the prosecutor's office is the organisation) and when. */
    public record RecordedLegalBasis(UUID legalBasisId, String reference, String requestedBy, Instant recordedAt,
                              String organisationId, String userId, String clientId) {

        Map<String, Object> asExported() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("legalBasisId", legalBasisId.toString());
            fields.put("reference", reference);
            fields.put("requestedBy", requestedBy);
            fields.put("recordedAt", recordedAt.toString());
            fields.put("recordedByOrganisationId", organisationId);
            fields.put("recordedByUserId", userId);
            fields.put("recordedByClientId", clientId);
            return fields;
        }
    }

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    private final CaseHistory history;
    private final EventEvidence evidence;
    private final PersonalData personalData;
    private final Clock clock;

    CaseEvidence(CaseHistory history, EventEvidence evidence, PersonalData personalData, Clock clock) {
        this.clock = clock;
        this.history = history;
        this.evidence = evidence;
        this.personalData = personalData;
    }

    public boolean exists(UUID caseId) {
        return history.accessTo(caseId).isPresent();
    }

    /** Who may see the case, from its own events; empty when there is no such case. */
    public Optional<CaseAccess> accessTo(UUID caseId) {
        return history.accessTo(caseId);
    }

    /** The legal bases the actor's organisation recorded for the case, latest last. */
    public List<RecordedLegalBasis> legalBasesOf(UUID caseId, Actor actor) {
        return history.stream(AuditEvents.legalBasesOf(caseId)).stream()
                .filter(event -> event.getPayload() instanceof LegalBasisRecorded)
                .filter(event -> actor.organisationId().equals(event.getMetaData().get(Actor.ORGANISATION_ID)))
                .map(event -> {
                    LegalBasisRecorded recorded = (LegalBasisRecorded) event.getPayload();
                    return new RecordedLegalBasis(recorded.legalBasisId(), recorded.legalBasis().reference(),
                            recorded.legalBasis().requestedBy(), event.getTimestamp(),
                            (String) event.getMetaData().get(Actor.ORGANISATION_ID),
                            (String) event.getMetaData().get(Actor.USER_ID),
                            (String) event.getMetaData().get(Actor.CLIENT_ID));
                })
                .toList();
    }

    /**
     * Whether the actor may have the case verified: an operator any case (the result names records and
     * sequence numbers, no content), a prosecutor a case its office recorded a legal basis for, the
     * professionals the cases they see.
     */
    boolean mayVerify(UUID caseId, Actor actor) {
        Optional<CaseAccess> access = history.accessTo(caseId);
        if (access.isEmpty()) {
            return false;
        }
        return actor.has(Role.OPERATOR)
                || actor.has(Role.PROSECUTOR) && !legalBasesOf(caseId, actor).isEmpty()
                || access.get().fullViewFor(actor);
    }

    /** The case's streams against their chains and the latest checkpoint. */
    VerificationReport verify(UUID caseId) {
        return verification(caseId).report();
    }

    private record Verified(List<StreamEvidence> streams, Checkpoint checkpoint, VerificationReport report) {
    }

    private Verified verification(UUID caseId) {
        Optional<Checkpoint> checkpoint = evidence.latestCheckpoint();
        HeadTree tree = checkpoint.map(evidence::headsAt).orElse(null);
        List<StreamEvidence> streams = history.evidenceStreamsOf(caseId).stream()
                .map(stream -> evidence.stream(stream.aggregateType(), stream.aggregateId(), tree))
                .filter(stream -> !stream.events().isEmpty() || stream.head() != null)
                .toList();
        VerificationReport report = ChainVerification.verify(streams, checkpoint.orElse(null),
                evidence.signingKey().map(SigningKey::publicKey).orElse(null));
        return new Verified(streams, checkpoint.orElse(null), report);
    }

    /** The court export of the case, made by {@code actor} on {@code legalBasis}. */
    public AuditExport export(UUID caseId, Actor actor, RecordedLegalBasis legalBasis) {
        Verified verified = verification(caseId);
        AuditExport export = AuditExport.of(caseId.toString(), clock.instant().toString(), actor.toMetadata(),
                legalBasis.asExported(), verified.checkpoint(), evidence.signingKey().orElse(null),
                verified.report(), verified.streams());
        PersonalData.Reading reading = personalData.reading();
        return export.withEvents(export.events().stream().map(event -> readable(event, reading)).toList());
    }

    /**
     * Personal fields a court export never opens, by event type: what the agencies assisting the person said among
     * themselves at a case conference, and the person's needs, goals and what they said agreeing to or reviewing
     * their assistance plan, are not evidence for the prosecution by default (assistance does not depend on
     * co-operating with it, Council of Europe Convention art. 12(6)); the ciphertext stays in the stored payload, so
     * the chain verifies, and the readable payload says why it is withheld ({@value #WITHHELD}, {@value #PLAN_WITHHELD}).
     * Likewise the person's feedback on the assistance received (decision 45, {@value #WITHHELD_FEEDBACK}): their own
     * words, given to improve the help and only because they are not used against them or anyone; the export shows
     * that feedback was given, when and how, never what it said.
     */
    static final String WITHHELD = "withheld: a case conference's note is read by the case's case managers";
    static final String PLAN_WITHHELD = "withheld: the assistance plan's texts are read by the case's case managers";
    static final String WITHHELD_FEEDBACK = "withheld: the person's feedback is read by the case's case managers";
    private static final Map<String, Map<String, String>> WITHHELD_FIELDS = Map.of(
            "ConferenceRecorded", Map.of("note", WITHHELD),
            "NeedAssessed", Map.of("description", PLAN_WITHHELD), "PlanGoalSet", Map.of("description", PLAN_WITHHELD),
            "PlanAgreed", Map.of("withWhom", PLAN_WITHHELD, "note", PLAN_WITHHELD),
            "PlanReviewed", Map.of("note", PLAN_WITHHELD),
            "FeedbackGiven", Map.of("answers", WITHHELD_FEEDBACK, "comment", WITHHELD_FEEDBACK));

    /** The event with its sealed personal fields opened (null when erased); unchanged when it has none. */
    private static AuditExport.Event readable(AuditExport.Event event, PersonalData.Reading reading) {
        Map<String, Object> stored;
        try {
            stored = JSON.readValue(event.payload(), TREE);
        } catch (JsonProcessingException | RuntimeException notAnObject) {
            return event; // a payload that is not a JSON object holds no sealed field
        }
        String type = event.payloadType().substring(Math.max(event.payloadType().lastIndexOf('.'),
                event.payloadType().lastIndexOf('$')) + 1);
        Map<String, Object> shown = stored;
        for (Map.Entry<String, String> withheld : WITHHELD_FIELDS.getOrDefault(type, Map.of()).entrySet()) {
            if (stored.get(withheld.getKey()) != null) {
                shown = shown == stored ? new LinkedHashMap<>(stored) : shown;
                shown.put(withheld.getKey(), withheld.getValue());
            }
        }
        PersonalData.OpenedPayload opened = reading.openPayload(type, shown);
        return opened.payload().equals(stored) ? event : event.withReadable(opened.payload(), opened.erased());
    }

    Optional<SigningKey> signingKey() {
        return evidence.signingKey();
    }
}
