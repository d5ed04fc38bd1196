package org.nrmplatform.web.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API refused what the person asked (its problem answer): the status, the problem's title and detail, and
 * each field it names with its message, keyed by the field's last name ({@code location.country} → {@code
 * country}) so that a page shows the message beside the input of that name.
 * <p>
 * The API answers in English; the page says what happened in the person's language ({@link #problem()}, a
 * message key chosen by status and title; {@link #field}, a key chosen by the field's message) and keeps the
 * API's own words beside it where they carry specifics (which rule, which value).
 */
public class RefusedAction extends RuntimeException {

    /**
     * Why a field was refused: a message key with its arguments, and the API's own words where they say more
     * than the key ({@code null} otherwise); or, for a field the page refused itself, its text already in the
     * person's language ({@code key} null).
     */
    public record Reason(String key, List<Object> arguments, String specifics) {

        public Object[] argumentArray() {
            return arguments.toArray();
        }
    }

    private static final Pattern REQUIRED = Pattern.compile("must not be (null|blank|empty)");
    private static final Pattern SIZE = Pattern.compile("size must be between (\\d+) and (\\d+)");
    private static final Pattern AT_LEAST = Pattern.compile("must be greater than or equal to (-?\\d+)");
    private static final Pattern AT_MOST = Pattern.compile("must be less than or equal to (-?\\d+)");

    private final int status;
    private final String title;
    private final String detail;
    private final boolean apiAnswer;
    private final Map<String, String> fields;

    private RefusedAction(int status, String title, String detail, Map<String, String> fields, boolean apiAnswer) {
        super(detail == null || detail.isBlank() ? title : detail);
        this.status = status;
        this.title = title;
        this.detail = detail == null || detail.isBlank() ? null : detail;
        this.fields = fields;
        this.apiAnswer = apiAnswer;
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
        return new RefusedAction(status, title, detail, fields, true);
    }

    /** Something the person asked for does not exist (found out by the page, not the API). */
    public static RefusedAction notFound(String detail) {
        return new RefusedAction(404, "Not found", detail, Map.of(), true);
    }

    /** The platform did not answer at all (the gateway down or unreachable). */
    static RefusedAction unreachable(String why) {
        // the page's own message says it all: no words of the platform to show beside it
        return new RefusedAction(503, "Service unavailable", "The platform cannot be reached at the moment (" + why
                + "): try again in a moment.", Map.of(), false);
    }

    /** A field of a form the page itself refuses before asking the API, its message in the person's language. */
    public static RefusedAction invalid(String field, String message) {
        return new RefusedAction(400, "Bad request", message, Map.of(field, message), false);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The message for each field the problem names, as the API (or the page) gave it; empty when it names none. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The message key that says, in the person's language, what kind of refusal this is. */
    public String problem() {
        return switch (status) {
            case 400 -> title.startsWith("Unreadable") ? "problem.unreadable" : "problem.invalid";
            case 401 -> "problem.signIn";
            case 403 -> "problem.forbidden";
            case 404 -> "problem.notFound";
            case 409 -> "Concurrent change".equals(title) ? "problem.concurrentChange" : "problem.state";
            case 422 -> "problem.rule";
            case 429 -> "problem.tooMany";
            case 502, 503, 504 -> "problem.unavailable";
            default -> status >= 500 ? "problem.failed" : "problem.other";
        };
    }

    /**
     * The API's own words, where they add to {@link #problem()}: not for a refusal the page made itself (already
     * said in the person's language), nor when they only list the fields (each is said beside its field).
     */
    public String specifics() {
        if (!apiAnswer || detail == null || (status == 400 && !fields.isEmpty())) {
            return null;
        }
        return detail;
    }

    /** Why the named field was refused, or {@code null} when the problem does not name it. */
    public Reason field(String name) {
        String message = fields.get(name);
        if (message == null) {
            return null;
        }
        if (!apiAnswer) {
            return new Reason(null, List.of(), message);
        }
        if (REQUIRED.matcher(message).matches()) {
            return new Reason("field.required", List.of(), null);
        }
        Matcher size = SIZE.matcher(message);
        if (size.matches()) {
            return new Reason("field.size", List.of(Long.valueOf(size.group(1)), Long.valueOf(size.group(2))), null);
        }
        Matcher atLeast = AT_LEAST.matcher(message);
        if (atLeast.matches()) {
            return new Reason("field.atLeast", List.of(Long.valueOf(atLeast.group(1))), null);
        }
        Matcher atMost = AT_MOST.matcher(message);
        if (atMost.matches()) {
            return new Reason("field.atMost", List.of(Long.valueOf(atMost.group(1))), null);
        }
        if (message.startsWith("must match") || message.contains("invalid value") || message.startsWith("expected ")
                || message.startsWith("'") || message.equals("is not a known field")) {
            return new Reason("field.invalid", List.of(), message);
        }
        // a rule of the process, in the domain's words: said in general here, with the API's words beside it
        return new Reason("field.rule", List.of(), message);
    }
}
