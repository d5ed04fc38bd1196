package org.nrmplatform.web.platform;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A form sent to the API, the way every page sends one: once the API stored it, the person is sent on (a
 * redirect, so that a reload does not send it twice) with what was done and the version it wrote ({@code written},
 * for the next page to wait for its view to show it); when the API refuses it, the same page is shown again with
 * the problem ({@code refused}, its messages beside the fields it names) and what was typed.
 * Made by {@link PlatformApi#submit}; nothing is sent until {@link #answer}.
 */
public final class Submission {

    private final PlatformApi api;
    private final String path;
    private final Object request;
    private final Object[] variables;
    private String typedName = "form";
    private Object typed;
    private String done;
    private Function<Map<String, Object>, String> next = stored -> "redirect:/";

    Submission(PlatformApi api, String path, Object request, Object[] variables) {
        this.api = api;
        this.path = path;
        this.request = request;
        this.variables = variables;
    }

    /** What was typed, shown again under {@code name} when the API refuses it. */
    public Submission keeping(String name, Object form) {
        this.typedName = name;
        this.typed = form;
        return this;
    }

    /**
     * Once stored: the message key that says what was done, and where the person goes next (a view name,
     * usually {@code redirect:...}), from the API's answer.
     */
    public Submission then(String doneMessage, Function<Map<String, Object>, String> where) {
        this.done = doneMessage;
        this.next = where;
        return this;
    }

    /** Sends it; {@code again} makes the page shown again on a refusal (its model filled) and names its view. */
    public String answer(Model model, RedirectAttributes redirect, Supplier<String> again) {
        try {
            Map<String, Object> stored = api.post(path, request, variables);
            redirect.addFlashAttribute("written", stored == null ? null : versionOf(stored));
            // a step the installation holds for a second person's approval (202): said so, not as done
            redirect.addFlashAttribute("done", stored != null && stored.containsKey("approvalId")
                    && "PENDING".equals(stored.get("status")) ? "approvals.sent" : done);
            return next.apply(stored == null ? Map.of() : stored);
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            if (typed != null) {
                model.addAttribute(typedName, typed);
            }
            return again.get();
        }
    }

    /**
     * The version a write made: the answer's own, or for an indicator assessment (which answers with its result)
     * the case's, in the status beside it. Without it the next page would not wait for its view to show the write.
     */
    static Object versionOf(Map<String, Object> stored) {
        if (stored.get("version") instanceof Number version) {
            return version;
        }
        return stored.get("status") instanceof Map<?, ?> status ? status.get("version") : null;
    }

    /** The named fields of a form as the API takes them ({@link #typed}), in the order named. */
    public static Map<String, Object> typedFields(MultiValueMap<String, String> form, String... names) {
        Map<String, Object> request = new LinkedHashMap<>();
        for (String name : names) {
            request.put(name, typed(form.getFirst(name)));
        }
        return request;
    }

    /** A form's text as the API takes it: trimmed, and null when nothing was typed (the API then names it). */
    public static String typed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Times typed into forms are local to the person; the platform's zone until people have their own. */
    public static final ZoneId LOCAL_TIME = ZoneId.of("Europe/Belgrade");

    /**
     * A local date and time typed into a form ({@code datetime-local}) as an instant; what cannot be read is sent
     * as typed, for the API to name the field.
     */
    public static Object instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(LOCAL_TIME).toInstant().toString();
        } catch (DateTimeParseException unreadable) {
            return local;
        }
    }

    /** Now, to the minute, as a form's {@code datetime-local} value, {@code days} ahead. */
    public static String localTime(Clock clock, int days) {
        return LocalDateTime.now(clock.withZone(LOCAL_TIME)).plusDays(days).truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
