package org.nrmplatform.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as a court reads it: who (user, client, organisation and its type, country, roles), when, what
 * and why (the payload's grounds, reasons, notes, decisions and legal bases), with the correlation and
 * causation ids that tie it to the request and the message that caused it. Derived from the stored payload
 * and metadata text alone, so that a verifier can derive it again and compare.
 */
public record EventSummary(String when, String what, String userId, String clientId, String organisationId,
                           String organisationType, String country, List<String> roles, String correlationId,
                           String causationId, Map<String, Object> why) {

    /** Payload fields that say why something was done (a flag's category: what kind of warning). */
    static final List<String> WHY = List.of("outcome", "decision", "reason", "reasons", "grounds", "purposes",
            "legalBasis", "note", "category");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static EventSummary of(StoredEvent event) {
        JsonNode metadata = tree(event.metaData());
        JsonNode payload = tree(event.payload());
        List<String> roles = new ArrayList<>();
        metadata.path("roles").forEach(role -> roles.add(role.asText()));
        Map<String, Object> why = new LinkedHashMap<>();
        for (String field : WHY) {
            JsonNode value = payload.get(field);
            if (value != null && !value.isNull()) {
                why.put(field, JSON.convertValue(value, Object.class));
            }
        }
        return new EventSummary(event.timestamp(), what(event.payloadType()), text(metadata, "userId"),
                text(metadata, "clientId"), text(metadata, "organisationId"), text(metadata, "organisationType"),
                text(metadata, "country"), roles, text(metadata, "correlationId"), text(metadata, "causationId"), why);
    }

    /** The event type's simple name: {@code ...Events$CaseOpened} is {@code CaseOpened}. */
    static String what(String payloadType) {
        if (payloadType == null) {
            return null;
        }
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // unreadable text: its hash tells whether it was stored so
        }
    }
}
