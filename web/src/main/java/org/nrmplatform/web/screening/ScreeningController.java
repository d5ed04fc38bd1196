package org.nrmplatform.web.screening;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The first-line officer's work (police, labour inspection, ...): the cases they opened, opening a case on
 * screening, answering an indicator set and seeing its result, flagging a presumed victim and handing the case
 * to the responsible organisation. Each form is the API's request in the officer's words; a refusal is shown
 * beside the field it names, with what was typed kept.
 */
@Controller
@RequestMapping("/screening")
class ScreeningController {

    /** Times typed into the form are local to the officer; the platform's zone until people have their own. */
    private static final ZoneId ZONE = ZoneId.of("Europe/Belgrade");

    private final PlatformApi api;
    private final Clock clock;

    ScreeningController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String cases(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("cases", api.get("/api/cases?page={page}&size=20", Math.max(page, 0)));
        return "screening/cases";
    }

    @GetMapping("/new")
    String openingForm(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("caseId", UUID.randomUUID().toString());
        form.put("screenedAt", LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES).toString());
        form.put("country", "RS");
        form.put("ageCategory", "ADULT");
        model.addAttribute("form", form);
        return "screening/open";
    }

    @PostMapping("/new")
    String open(@RequestParam Map<String, String> form, Model model, RedirectAttributes next) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("country", blankToNull(form.get("country")));
        location.put("municipality", blankToNull(form.get("municipality")));
        location.put("place", blankToNull(form.get("place")));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("givenName", blankToNull(form.get("givenName")));
        subject.put("familyName", blankToNull(form.get("familyName")));
        subject.put("dateOfBirth", blankToNull(form.get("dateOfBirth")));
        subject.put("ageCategory", blankToNull(form.get("ageCategory")));
        subject.put("sex", blankToNull(form.get("sex")));
        subject.put("citizenship", Arrays.stream(form.getOrDefault("citizenship", "").split("[,\\s]+"))
                .filter(code -> !code.isBlank()).map(String::toUpperCase).toList());
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button (or a reload) the same case, never two
        request.put("caseId", form.getOrDefault("caseId", UUID.randomUUID().toString()));
        request.put("detectingSector", blankToNull(form.get("detectingSector")));
        request.put("screenedAt", instant(form.get("screenedAt")));
        request.put("location", location);
        request.put("dataSubject", subject);
        try {
            Map<String, Object> opened = api.post("/api/cases", request);
            next.addFlashAttribute("written", opened.get("version"));
            next.addFlashAttribute("done", "screening.opened");
            return "redirect:/screening/cases/" + opened.get("caseId");
        } catch (RefusedAction refused) {
            model.addAttribute("form", form);
            model.addAttribute("refused", refused);
            return "screening/open";
        }
    }

    @GetMapping("/cases/{caseId}")
    String caseFile(@PathVariable UUID caseId, @RequestParam(required = false) String set, Model model) {
        show(caseId, set, model);
        return "screening/case";
    }

    /** The questions of one indicator set, for the form on the case page (htmx swaps them in). */
    @GetMapping("/indicator-sets")
    String questions(@RequestParam UUID caseId, @RequestParam String set, Model model) {
        model.addAttribute("caseFile", Map.of("id", caseId.toString()));
        if (!set.isBlank()) {
            model.addAttribute("indicatorSet", api.get("/api/indicator-sets/{id}", set));
        }
        return "screening/case :: questions";
    }

    @PostMapping("/cases/{caseId}/assessment")
    String assess(@PathVariable UUID caseId, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes next) {
        Map<String, String> answers = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("answer.")) {
                answers.put(name.substring("answer.".length()), value);
            }
        });
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("indicatorSetId", form.get("indicatorSetId"));
        request.put("answers", answers);
        request.put("assessedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            // the assessment's answer carries the case's version in its status, not at the top
            Map<String, Object> recorded = api.post("/api/cases/{id}/indicator-assessments", request, caseId);
            next.addFlashAttribute("written", recorded.get("status") instanceof Map<?, ?> status
                    ? status.get("version") : null);
            next.addFlashAttribute("done", "screening.assessment.recorded");
            return "redirect:/screening/cases/" + caseId + "#assessments";
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("answers", answers);
            show(caseId, form.get("indicatorSetId"), model);
            return "screening/case";
        }
    }

    @PostMapping("/cases/{caseId}/presumed-victim")
    String flag(@PathVariable UUID caseId, @RequestParam Map<String, String> form, Model model,
                RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("grounds", blankToNull(form.get("grounds")));
        request.put("responsibleOrganisationId", blankToNull(form.get("responsibleOrganisationId")));
        try {
            next.addFlashAttribute("written", api.post("/api/cases/{id}/presumed-victim", request, caseId)
                    .get("version"));
            next.addFlashAttribute("done", "screening.flag.recorded");
            return "redirect:/screening/cases/" + caseId;
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("flagForm", form);
            show(caseId, null, model);
            return "screening/case";
        }
    }

    private void show(UUID caseId, String set, Model model) {
        // right after a write of this officer's (flash attribute "written": the version it made), show that write
        Object written = model.getAttribute("written");
        Map<String, Object> caseFile = written instanceof Number version
                ? api.readAfterWrite(version.longValue(), "/api/cases/{id}", caseId)
                : api.get("/api/cases/{id}", caseId);
        model.addAttribute("caseFile", caseFile);
        // the view had not caught up after the wait: say so rather than show the case as if nothing happened
        model.addAttribute("behind", written instanceof Number version && caseFile.get("version") instanceof Number
                seen && seen.longValue() < version.longValue());
        model.addAttribute("indicatorSets", api.list("/api/indicator-sets"));
        if (set != null && !set.isBlank()) {
            model.addAttribute("indicatorSet", api.get("/api/indicator-sets/{id}", set));
        }
        List<Map<String, Object>> responsible = items(api.get("/api/identity/organisations?type=social-welfare"));
        model.addAttribute("organisations", responsible);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        Object items = page.get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A local date and time from the form as an instant; what cannot be read is sent as typed for the API to name. */
    private static Object instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(ZONE).toInstant().toString();
        } catch (DateTimeParseException unreadable) {
            return local;
        }
    }
}
