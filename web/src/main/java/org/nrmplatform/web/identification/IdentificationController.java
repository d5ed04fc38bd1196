package org.nrmplatform.web.identification;

import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.matching.PossibleMatches;
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
 * The identification authority's work: the presumed victims awaiting its decision, the guardian a child's case
 * needs before it, and the decision on a case (outcome, reasons, and the HTCDS types of exploitation and methods
 * of control from the code lists). Each form is the API's request; a refusal is shown beside the field it names,
 * with what was chosen kept.
 */
@Controller
@RequestMapping("/identification")
class IdentificationController {

    /** The API lists at most this many cases a page; the authority's view is read through to its end. */
    private static final int READ_SIZE = 200;

    private final PlatformApi api;
    private final Clock clock;
    private final PossibleMatches matches;

    IdentificationController(PlatformApi api, Clock clock, PossibleMatches matches) {
        this.api = api;
        this.clock = clock;
        this.matches = matches;
    }

    /**
     * The API lists every case the authority sees (each flagged case, decided or not) without a stage filter,
     * so the page reads the whole view and keeps those still awaiting a decision, newest first as listed.
     */
    @GetMapping
    String awaiting(Model model) {
        List<Map<String, Object>> awaiting = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> cases = api.get("/api/cases?page={page}&size={size}", page, READ_SIZE);
            List<Map<String, Object>> items = items(cases);
            items.stream().filter(c -> "PRESUMED_VICTIM".equals(c.get("stage")) && !Boolean.TRUE.equals(c.get("closed")))
                    .forEach(awaiting::add);
            if (items.size() < READ_SIZE || !(cases.get("total") instanceof Number total)
                    || (long) (page + 1) * READ_SIZE >= total.longValue()) {
                break;
            }
        }
        model.addAttribute("awaiting", awaiting);
        return "identification/awaiting";
    }

    @GetMapping("/cases/{caseId}")
    String caseFile(@PathVariable UUID caseId, Model model) {
        show(caseId, model);
        return "identification/case";
    }

    @PostMapping("/cases/{caseId}/decision")
    String decide(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                  RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("outcome", typed(form.getFirst("outcome")));
        request.put("reasons", typed(form.getFirst("reasons")));
        request.put("typesOfExploitation", form.getOrDefault("typesOfExploitation", List.of()));
        request.put("methodsOfControl", form.getOrDefault("methodsOfControl", List.of()));
        return api.submit("/api/cases/{id}/identification-decision", request, caseId)
                .keeping("decisionForm", form)
                .then("identification.decided", stored -> "redirect:/identification/cases/" + caseId)
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "identification/case";
                });
    }

    @PostMapping("/cases/{caseId}/guardian")
    String appointGuardian(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                           RedirectAttributes next) {
        Map<String, Object> request = Submission.typedFields(form, "guardianName", "guardianOrganisation",
                "appointedOn");
        return api.submit("/api/cases/{id}/guardian", request, caseId)
                .keeping("guardianForm", form)
                .then("casefile.guardian.appointed",
                        stored -> "redirect:/identification/cases/" + caseId + "#guardian-section")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "identification/case";
                });
    }

    /** A warning on the case, shown at the top of every role's page of it. */
    @PostMapping("/cases/{caseId}/flags")
    String raiseFlag(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next) {
        return api.submit("/api/cases/{id}/flags", Submission.typedFields(form, "flagId", "category", "reason"), caseId)
                .keeping("raiseFlagForm", form)
                .then("flags.raised", stored -> "redirect:/identification/cases/" + caseId + "#flags")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "identification/case";
                });
    }

    @PostMapping("/cases/{caseId}/flags/{flagId}/lifting")
    String liftFlag(@PathVariable UUID caseId, @PathVariable UUID flagId,
                    @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/flags/{flag}/lifting", Submission.typedFields(form, "reason"), caseId,
                        flagId)
                .then("flags.lifted", stored -> "redirect:/identification/cases/" + caseId + "#flags")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "identification/case";
                });
    }

    /** A possible match is the same person (link) or another (dismiss): recorded on both cases. */
    @PostMapping("/cases/{caseId}/possible-matches/{otherCaseId}/{decision:link|dismiss}")
    String decideMatch(@PathVariable UUID caseId, @PathVariable UUID otherCaseId, @PathVariable String decision,
                       Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/possible-matches/{other}/" + decision, Map.of(), caseId, otherCaseId)
                .then(decision.equals("link") ? "matches.linked.done" : "matches.dismissed.done",
                        stored -> "redirect:/identification/cases/" + caseId + "#possible-matches")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "identification/case";
                });
    }

    private void show(UUID caseId, Model model) {
        model.addAttribute("possibleMatches", matches.of(caseId));
        model.addAttribute("matchesAt", "/identification/cases/" + caseId + "/possible-matches");
        model.addAttribute("caseFile", api.shown(model, "/api/cases/{id}", caseId));
        model.addAttribute("flagsAt", "/identification/cases/" + caseId + "/flags");
        model.addAttribute("newFlagId", UUID.randomUUID().toString());
        model.addAttribute("organisationNames", api.organisationNames());
        model.addAttribute("today", LocalDate.now(clock.withZone(Submission.LOCAL_TIME)).toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        Object items = page.get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
