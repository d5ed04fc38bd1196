package org.nrmplatform.web.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API refused what the person asked (its problem answer): the status, the problem's title and detail, and
 * each field it names with its message, keyed by the field's last name ({@code location.country} → {@code
 * country}) so that a page shows the message beside the input of that name.
 */
public class RefusedAction extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> fields;

    RefusedAction(int status, String title, String detail, Map<String, String> fields) {
        super(detail == null || detail.isBlank() ? title : detail);
        this.status = status;
        this.title = title;
        this.fields = fields;
    }

    static RefusedAction from(int status, byte[] body, JsonMapper json) {
        Map<String, String> fields = new LinkedHashMap<>();
        String title = "HTTP " + status;
        String detail = null;
        try {
            JsonNode problem = json.readTree(body);
            title = problem.path("title").asString(title);
            detail = problem.path("detail").asString(null);
            for (JsonNode error : problem.path("errors")) {
                String field = error.path("field").asString("");
                fields.merge(field.substring(field.lastIndexOf('.') + 1), error.path("message").asString(""),
                        (first, second) -> first + "; " + second);
            }
        } catch (RuntimeException notAProblem) {
            // not JSON: the status and its title say enough
        }
        return new RefusedAction(status, title, detail, fields);
    }

    /** Something the person asked for does not exist (found out by the page, not the API). */
    public static RefusedAction notFound(String detail) {
        return new RefusedAction(404, "Not found", detail, Map.of());
    }

    /** The platform did not answer at all (the gateway down or unreachable). */
    static RefusedAction unreachable(String why) {
        return new RefusedAction(503, "Service unavailable", "The platform cannot be reached at the moment (" + why
                + "): try again in a moment.", Map.of());
    }

    /** A field of a form the page itself refuses before asking the API, shown beside that field. */
    public static RefusedAction invalid(String field, String message) {
        return new RefusedAction(400, "Bad request", message, Map.of(field, message));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The message for each field the problem names; empty when it names none. */
    public Map<String, String> fields() {
        return fields;
    }
}
