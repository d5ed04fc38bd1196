package org.nrmplatform.web.worklist;

import java.util.List;
import java.util.Map;

/**
 * One step of a case's timeline, from one entry of its history: what happened (the event's type), when, who
 * (the person's user id, or the agency system's client id), their organisation and roles, and why, where the
 * step carries a reason in its own words (grounds, reasons, a reason code or a note).
 */
record TimelineStep(String type, String timestamp, String who, String organisation, List<String> roles, String why) {

    private static final List<String> REASONS = List.of("grounds", "reasons", "reason", "note");

    static TimelineStep of(Map<?, ?> entry, Map<String, String> organisationNames) {
        Map<?, ?> metadata = entry.get("metadata") instanceof Map<?, ?> known ? known : Map.of();
        Map<?, ?> payload = entry.get("payload") instanceof Map<?, ?> known ? known : Map.of();
        Object who = metadata.get("userId") != null ? metadata.get("userId") : metadata.get("clientId");
        String organisationId = String.valueOf(metadata.get("organisationId"));
        List<String> roles = metadata.get("roles") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        String why = REASONS.stream().map(payload::get).filter(String.class::isInstance).map(String.class::cast)
                .findFirst().orElse(null);
        return new TimelineStep(String.valueOf(entry.get("type")), String.valueOf(entry.get("timestamp")),
                String.valueOf(who), organisationNames.getOrDefault(organisationId, organisationId), roles, why);
    }
}
