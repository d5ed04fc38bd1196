package org.nrmplatform.shared.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.springframework.core.Ordered;

/**
 * Reads events recorded before personal data was sealed (commit 67409f4) in today's shape: a personal field
 * stored as clear text is sealed, as it is read, with its data subject's key, as the aggregate would seal it
 * now; a subject erased since reads as erased. The stored events stay as they were, clear text included:
 * their hashes cover them (README, "Upgrading"). Only events without a revision can hold clear text; an
 * already sealed field is left as it is.
 */
public final class ClearPersonalFields extends SingleEventUpcaster implements Ordered {

    /** After the holders' renames, before the first revision is given. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    /** What opens as erased: the subject's key is gone, so the value is never decrypted. */
    private static final String ERASED = "";

    private static final Map<String, List<PersonalField>> FIELDS_BY_EVENT = Arrays.stream(PersonalField.values())
            .collect(Collectors.groupingBy(PersonalField::event));

    private final PersonalData personalData;

    public ClearPersonalFields(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** The personal fields of an event type (its simple name); empty for a type without any. */
    public static List<PersonalField> fieldsOf(String eventType) {
        return FIELDS_BY_EVENT.getOrDefault(eventType, List.of());
    }

    /** The simple name of a stored payload type ({@code ...CaseEvents$CaseOpened} is {@code CaseOpened}). */
    public static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
    }

    /**
     * The data subject of an event's personal fields: the case, or, for an incoming transnational referral,
     * the referral (as {@link PersonalField} says); null when the payload names neither.
     */
    public static String subjectOf(JsonNode payload) {
        JsonNode caseId = payload.get("caseId");
        if (caseId != null && caseId.isTextual()) {
            return caseId.asText();
        }
        JsonNode referral = payload.get("transnationalReferralId");
        return referral != null && referral.isTextual() ? referral.asText() : null;
    }

    /** The node at a personal field's path's parent, or null when the payload has none. */
    public static ObjectNode parentOf(JsonNode payload, PersonalField field) {
        String[] steps = field.path().split("\\.");
        JsonNode node = payload;
        for (int i = 0; i < steps.length - 1 && node != null; i++) {
            node = node.get(steps[i]);
        }
        return node instanceof ObjectNode object ? object : null;
    }

    /** The last step of a personal field's path. */
    public static String nameOf(PersonalField field) {
        return field.path().substring(field.path().lastIndexOf('.') + 1);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
                && !fieldsOf(simpleName(representation.getType().getName())).isEmpty();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String eventType = simpleName(representation.getType().getName());
        return representation.upcastPayload(representation.getType(), JsonNode.class,
                payload -> sealed(eventType, payload));
    }

    private JsonNode sealed(String eventType, JsonNode payload) {
        String subject = subjectOf(payload);
        if (subject == null) {
            return payload;
        }
        JsonNode copy = payload.deepCopy();
        PersonalData.Sealing sealing = null;
        boolean erased = false;
        for (PersonalField field : fieldsOf(eventType)) {
            ObjectNode parent = parentOf(copy, field);
            String name = nameOf(field);
            if (parent == null || !parent.path(name).isTextual()) {
                continue;
            }
            if (sealing == null) {
                erased = personalData.erased(subject);
                sealing = personalData.sealing(subject);
            }
            Sealed value = erased ? new Sealed(subject, ERASED) : sealing.seal(field, parent.get(name).asText());
            ObjectNode sealedNode = JsonNodeFactory.instance.objectNode()
                    .put("subjectId", value.subjectId()).put("ciphertext", value.ciphertext());
            parent.set(name, sealedNode);
        }
        return copy;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
