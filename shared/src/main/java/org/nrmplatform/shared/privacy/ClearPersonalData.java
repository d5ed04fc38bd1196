package org.nrmplatform.shared.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.store.EventJson;

/**
 * The personal data an installation recorded in clear before personal data was sealed (commit 67409f4): found in
 * the stored events (which keep it: their hashes cover it), and looked for in a projection's documents, where a
 * migration seals it by rebuilding the projection through {@link ClearPersonalFields}. A document holds clear
 * personal data when any of its strings, at any depth, is a value found in clear in the events.
 *
 * @param eventsByType  events holding a personal field in clear, by event type
 * @param subjects      the data subjects (cases, incoming transnational referrals) of those fields
 * @param values        the clear values
 */
public record ClearPersonalData(Map<String, Long> eventsByType, Set<String> subjects, Set<String> values) {

    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String PAYLOAD = "serializedPayload";

    /** Reads every event without a revision of a type with personal fields; the others cannot hold clear text. */
    public static ClearPersonalData inEvents(MongoDatabase eventDatabase) {
        Map<String, Long> byType = new TreeMap<>();
        Set<String> subjects = new HashSet<>();
        Set<String> values = new HashSet<>();
        MongoCollection<Document> events = eventDatabase.getCollection("events");
        for (Document event : events.find(Filters.eq(PAYLOAD_REVISION, null))
                .projection(Projections.include(PAYLOAD_TYPE, PAYLOAD))) {
            String type = ClearPersonalFields.simpleName(event.getString(PAYLOAD_TYPE));
            List<PersonalField> fields = ClearPersonalFields.fieldsOf(type);
            if (fields.isEmpty()) {
                continue;
            }
            JsonNode payload = parse(event.getString(PAYLOAD));
            boolean clear = false;
            for (PersonalField field : fields) {
                var parent = ClearPersonalFields.parentOf(payload, field);
                JsonNode value = parent == null ? null : parent.get(ClearPersonalFields.nameOf(field));
                if (value != null && value.isTextual()) {
                    values.add(value.asText());
                    clear = true;
                }
            }
            if (clear) {
                byType.merge(type, 1L, Long::sum);
                String subject = ClearPersonalFields.subjectOf(payload);
                if (subject != null) {
                    subjects.add(subject);
                }
            }
        }
        return new ClearPersonalData(byType, subjects, values);
    }

    public boolean none() {
        return eventsByType.isEmpty();
    }

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many of a collection's documents hold a clear value. */
    public long documentsHoldingIt(MongoCollection<Document> collection) {
        if (values.isEmpty()) {
            return 0;
        }
        long holding = 0;
        for (Document document : collection.find()) {
            if (holds(document)) {
                holding++;
            }
        }
        return holding;
    }

    /** Whether a stored tree holds a clear value anywhere. */
    public boolean holds(Object node) {
        if (node instanceof String text) {
            return values.contains(text);
        }
        if (node instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(this::holds);
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(this::holds);
        }
        return false;
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
