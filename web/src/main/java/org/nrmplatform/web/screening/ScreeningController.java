package org.nrmplatform.web.screening;

import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.localTime;
import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.Submission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
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

    private final PlatformApi api;
    private final Clock clock;

    ScreeningController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String cases(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("cases", api.get("/api/cases?page={page}&size=20", Math.max(page, 0)));
        // persons registered rapidly in an emergency situation, whose cases are completed here
        model.addAttribute("toComplete", api.list("/api/emergency-situations/cases-to-complete"));
        return "screening/cases";
    }

    @GetMapping("/new")
    String openingForm(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("caseId", UUID.randomUUID().toString());
        form.put("screenedAt", localTime(clock, 0));
        form.put("country", "RS");
        form.put("ageCategory", "ADULT");
        model.addAttribute("form", form);
        return "screening/open";
    }

    @PostMapping("/new")
    String open(@RequestParam Map<String, String> form, Model model, RedirectAttributes next) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("country", typed(form.get("country")));
        location.put("municipality", typed(form.get("municipality")));
        location.put("place", typed(form.get("place")));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("givenName", typed(form.get("givenName")));
        subject.put("familyName", typed(form.get("familyName")));
        subject.put("dateOfBirth", typed(form.get("dateOfBirth")));
        subject.put("ageCategory", typed(form.get("ageCategory")));
        subject.put("sex", typed(form.get("sex")));
        subject.put("citizenship", Arrays.stream(form.getOrDefault("citizenship", "").split("[,\\s]+"))
                .filter(code -> !code.isBlank()).map(String::toUpperCase).toList());
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button (or a reload) the same case, never two
        request.put("caseId", form.getOrDefault("caseId", UUID.randomUUID().toString()));
        request.put("detectingSector", typed(form.get("detectingSector")));
        request.put("screenedAt", instant(form.get("screenedAt")));
        request.put("location", location);
        request.put("dataSubject", subject);
        return api.submit("/api/cases", request)
                .keeping("form", form)
                .then("screening.opened", opened -> "redirect:/screening/cases/" + opened.get("caseId"))
                .answer(model, next, () -> "screening/open");
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
        return api.submit("/api/cases/{id}/indicator-assessments", request, caseId)
                .keeping("answers", answers)
                .then("screening.assessment.recorded", stored -> "redirect:/screening/cases/" + caseId + "#assessments")
                .answer(model, next, () -> {
                    show(caseId, form.get("indicatorSetId"), model);
                    return "screening/case";
                });
    }

    @PostMapping("/cases/{caseId}/presumed-victim")
    String flag(@PathVariable UUID caseId, @RequestParam Map<String, String> form, Model model,
                RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("grounds", typed(form.get("grounds")));
        request.put("responsibleOrganisationId", typed(form.get("responsibleOrganisationId")));
        return api.submit("/api/cases/{id}/presumed-victim", request, caseId)
                .keeping("flagForm", form)
                .then("screening.flag.recorded", stored -> "redirect:/screening/cases/" + caseId)
                .answer(model, next, () -> {
                    show(caseId, null, model);
                    return "screening/case";
                });
    }

    /** A warning on the case, shown at the top of every role's page of it. */
    @PostMapping("/cases/{caseId}/flags")
    String raiseFlag(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next) {
        return api.submit("/api/cases/{id}/flags", Submission.typedFields(form, "flagId", "category", "reason"), caseId)
                .keeping("raiseFlagForm", form)
                .then("flags.raised", stored -> "redirect:/screening/cases/" + caseId + "#flags")
                .answer(model, next, () -> {
                    show(caseId, null, model);
                    return "screening/case";
                });
    }

    @PostMapping("/cases/{caseId}/flags/{flagId}/lifting")
    String liftFlag(@PathVariable UUID caseId, @PathVariable UUID flagId,
                    @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/flags/{flag}/lifting", Submission.typedFields(form, "reason"), caseId,
                        flagId)
                .then("flags.lifted", stored -> "redirect:/screening/cases/" + caseId + "#flags")
                .answer(model, next, () -> {
                    show(caseId, null, model);
                    return "screening/case";
                });
    }

    private void show(UUID caseId, String set, Model model) {
        model.addAttribute("caseFile", api.shown(model, "/api/cases/{id}", caseId));
        model.addAttribute("flagsAt", "/screening/cases/" + caseId + "/flags");
        model.addAttribute("newFlagId", UUID.randomUUID().toString());
        model.addAttribute("organisationNames", api.organisationNames());
        model.addAttribute("indicatorSets", api.list("/api/indicator-sets"));
        if (set != null && !set.isBlank()) {
            model.addAttribute("indicatorSet", api.get("/api/indicator-sets/{id}", set));
        }
        List<Map<String, Object>> responsible = api.items("/api/identity/organisations?type=social-welfare");
        model.addAttribute("organisations", responsible);
    }
}
