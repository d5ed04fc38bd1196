package org.nrmplatform.web.worklist;

import static org.nrmplatform.web.platform.Submission.LOCAL_TIME;
import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.localTime;
import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.Submission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case manager's page of a case: its facts and timeline (the history: who, which organisation and role,
 * when, why), and the work on it, each form the API's request: consents given and withdrawn, the guardian of a
 * child, the reflection period, referrals to a provider chosen by service from the directory with each
 * provider's current load, referrals to another country's NRM, closure with its reason, and erasure of the data
 * subject on a legal basis (after a confirmation). A refusal shows the case again with the problem beside the field
 * it names and what was typed.
 */
@Controller
@RequestMapping("/cases/{caseId}")
class CaseFileController {

    private final PlatformApi api;
    private final Clock clock;

    CaseFileController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String caseFile(@PathVariable UUID caseId, @RequestParam(required = false) String service, Model model) {
        show(caseId, service, model);
        return "worklist/case";
    }

    /** The providers offering a service, with their load, for the referral form (htmx swaps them in). */
    @GetMapping("/providers")
    String providers(@PathVariable UUID caseId, @RequestParam String service, Model model) {
        model.addAttribute("caseFile", Map.of("id", caseId.toString()));
        model.addAttribute("referralForm", freshReferral(service));
        providersFor(service, model);
        return "worklist/case :: providers";
    }

    /** A warning on the case, shown at the top of every role's page of it. */
    @PostMapping("/flags")
    String raiseFlag(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next) {
        return write(caseId, "/api/cases/{id}/flags", Submission.typedFields(form, "flagId", "category", "reason"),
                "raiseFlagForm", form, "flags.raised", "#flags", model, next);
    }

    @PostMapping("/flags/{flagId}/lifting")
    String liftFlag(@PathVariable UUID caseId, @PathVariable UUID flagId,
                    @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/flags/{flag}/lifting", Submission.typedFields(form, "reason"), caseId,
                        flagId)
                .then("flags.lifted", stored -> "redirect:/cases/" + caseId + "#flags")
                .answer(model, next, () -> again(caseId, null, model));
    }

    /**
     * A task on the case for an organisation of the directory (the tasks page of that organisation lists it),
     * optionally a role or, in the case manager's own organisation, a person there.
     */
    @PostMapping("/tasks")
    String assignTask(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                      RedirectAttributes next) {
        Map<String, Object> request = Submission.typedFields(form, "taskId", "owedByOrganisationId", "owedByRole",
                "owedByUserId", "description");
        request.put("caseId", caseId.toString());
        request.put("dueAt", instant(form.getFirst("dueAt")));
        request.put("remindAt", instant(form.getFirst("remindAt")));
        return api.submit("/api/tasks", request)
                .keeping("taskForm", form)
                .then("tasks.assigned.done", stored -> "redirect:/cases/" + caseId + "#tasks")
                .answer(model, next, () -> again(caseId, null, model));
    }

    @PostMapping("/tasks/{taskId}/cancellation")
    String cancelTask(@PathVariable UUID caseId, @PathVariable UUID taskId,
                      @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/tasks/{id}/cancellation", Submission.typedFields(form, "reason"), taskId)
                .then("tasks.cancelled", stored -> "redirect:/cases/" + caseId + "#tasks")
                .answer(model, next, () -> again(caseId, null, model));
    }

    @PostMapping("/consents")
    String giveConsent(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                       RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("decision", "GIVEN");
        request.put("givenBy", typed(form.getFirst("givenBy")));
        request.put("purposes", form.getOrDefault("purposes", List.of()));
        request.put("serviceTypes", form.getOrDefault("serviceTypes", List.of()));
        request.put("recipientOrganisationId", typed(form.getFirst("recipientOrganisationId")));
        request.put("note", typed(form.getFirst("note")));
        return write(caseId, "/api/cases/{id}/consents", request, "consentForm", form, "casefile.consent.given",
                "#consents", model, next);
    }

    @PostMapping("/consents/{consentId}/withdrawal")
    String withdrawConsent(@PathVariable UUID caseId, @PathVariable UUID consentId, Model model,
                           RedirectAttributes next) {
        Map<String, Object> request = Map.of("decision", "WITHDRAWN", "consentId", consentId.toString());
        return write(caseId, "/api/cases/{id}/consents", request, "withdrawn", consentId.toString(),
                "casefile.consent.withdrawn", "#consents", model, next);
    }

    @PostMapping("/guardian")
    String appointGuardian(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                           RedirectAttributes next) {
        Map<String, Object> request = Submission.typedFields(form, "guardianName", "guardianOrganisation",
                "appointedOn");
        return write(caseId, "/api/cases/{id}/guardian", request, "guardianForm", form, "casefile.guardian.appointed",
                "#guardian-section", model, next);
    }

    @PostMapping("/reflection-period")
    String startReflectionPeriod(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form,
                                 Model model, RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("startDate", typed(form.getFirst("startDate")));
        request.put("legalEndDate", typed(form.getFirst("legalEndDate")));
        request.put("legalBasis", typed(form.getFirst("legalBasis")));
        return write(caseId, "/api/cases/{id}/reflection-period", request, "reflectionForm", form,
                "casefile.reflection.started", "#reflection", model, next);
    }

    @PostMapping("/referrals")
    String refer(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                 RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button the same referral, never two
        String referralId = typed(form.getFirst("referralId"));
        request.put("referralId", referralId != null ? referralId : UUID.randomUUID().toString());
        request.put("caseId", caseId.toString());
        request.put("providerOrganisationId", typed(form.getFirst("providerOrganisationId")));
        request.put("serviceType", typed(form.getFirst("serviceType")));
        request.put("urgency", typed(form.getFirst("urgency")));
        request.put("respondBy", instant(form.getFirst("respondBy")));
        request.put("note", typed(form.getFirst("note")));
        return api.submit("/api/referrals", request)
                .keeping("referralForm", form)
                .then("casefile.referred", stored -> "redirect:/cases/" + caseId + "#referrals")
                .answer(model, next, () -> {
                    model.addAttribute("referring", true);
                    return again(caseId, form.getFirst("serviceType"), model);
                });
    }

    /**
     * A referral to another country's NRM (a peer installation, named by its id): sent as a signed packet for the
     * operators to carry, or held for a second person's approval where the installation holds them (the page then
     * says so and links to the person's requests). The made referral's reference and status are shown on the case.
     */
    @PostMapping("/transnational-referrals")
    String referAbroad(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                       RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button the same referral, never two
        String referralId = typed(form.getFirst("transnationalReferralId"));
        request.put("transnationalReferralId", referralId != null ? referralId : UUID.randomUUID().toString());
        request.put("caseId", caseId.toString());
        request.put("toInstallationId", typed(form.getFirst("toInstallationId")));
        request.put("serviceType", typed(form.getFirst("serviceType")));
        request.put("urgency", typed(form.getFirst("urgency")));
        request.put("respondBy", instant(form.getFirst("respondBy")));
        request.put("note", typed(form.getFirst("note")));
        return api.submit("/api/transnational-referrals", request)
                .keeping("transnationalForm", form)
                .then("casefile.transnational.made", stored -> {
                    next.addFlashAttribute("transnationalReferral", Map.of(
                            "id", String.valueOf(stored.get("transnationalReferralId")),
                            "status", String.valueOf(stored.getOrDefault("status", ""))));
                    return "redirect:/cases/" + caseId + "#transnational";
                })
                .answer(model, next, () -> {
                    model.addAttribute("referringAbroad", true);
                    return again(caseId, null, model);
                });
    }

    @PostMapping("/closure")
    String close(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                 RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", typed(form.getFirst("reason")));
        request.put("note", typed(form.getFirst("note")));
        return write(caseId, "/api/cases/{id}/closure", request, "closureForm", form, "casefile.closed", "",
                model, next);
    }

    /** The erasure's confirmation: what it does and on which legal basis, before anything is sent. */
    @GetMapping("/erasure")
    String confirmErasure(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model) {
        model.addAttribute("caseFile", api.get("/api/cases/{id}", caseId));
        model.addAttribute("erasureForm", form);
        return "worklist/erase";
    }

    @PostMapping("/erasure")
    String erase(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                 RedirectAttributes next) {
        Map<String, Object> legalBasis = new LinkedHashMap<>();
        legalBasis.put("reference", typed(form.getFirst("reference")));
        legalBasis.put("requestedBy", typed(form.getFirst("requestedBy")));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("legalBasis", legalBasis);
        return write(caseId, "/api/cases/{id}/subject-erasure", request, "erasureForm", form, "casefile.erased", "",
                model, next);
    }

    /** A write to the case: back to its page at {@code section}, or the page again with the refusal. */
    private String write(UUID caseId, String path, Object request, String typedName, Object typed, String done,
                         String section, Model model, RedirectAttributes next) {
        return api.submit(path, request, caseId)
                .keeping(typedName, typed)
                .then(done, stored -> "redirect:/cases/" + caseId + section)
                .answer(model, next, () -> again(caseId, null, model));
    }

    private String again(UUID caseId, String service, Model model) {
        show(caseId, service, model);
        return "worklist/case";
    }

    private void show(UUID caseId, String service, Model model) {
        Map<String, Object> caseFile = api.shown(model, "/api/cases/{id}", caseId);
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("flagsAt", "/cases/" + caseId + "/flags");
        model.addAttribute("newFlagId", UUID.randomUUID().toString());
        model.addAttribute("caseTasks", api.items("/api/tasks?assigned=true&caseId={id}&size=200", caseId));
        model.addAttribute("newTaskId", UUID.randomUUID().toString());
        model.addAttribute("colleagues", api.list("/api/tasks/colleagues"));
        List<Map<String, Object>> organisations = api.items("/api/identity/organisations?size=200");
        Map<String, String> names = new HashMap<>();
        organisations.forEach(o -> names.put(String.valueOf(o.get("id")), String.valueOf(o.get("name"))));
        model.addAttribute("organisations", organisations);
        model.addAttribute("organisationNames", names);
        List<TimelineStep> timeline = new ArrayList<>();
        if (api.get("/api/cases/{id}/history", caseId).get("events") instanceof List<?> events) {
            events.stream().filter(Map.class::isInstance).forEach(event ->
                    timeline.add(TimelineStep.of((Map<?, ?>) event, names)));
        }
        model.addAttribute("timeline", timeline);
        model.addAttribute("referrals", api.items("/api/referrals?caseId={id}&size=200", caseId));
        model.addAttribute("today", LocalDate.now(clock.withZone(LOCAL_TIME)).toString());
        if (!model.containsAttribute("referralForm")) {
            model.addAttribute("referralForm", freshReferral(service));
        }
        if (!model.containsAttribute("transnationalForm")) {
            MultiValueMap<String, String> fresh = new LinkedMultiValueMap<>();
            fresh.add("transnationalReferralId", UUID.randomUUID().toString());
            fresh.add("urgency", "URGENT");
            // a peer NRM answers through its own operators: a week, not the two days of a provider here
            fresh.add("respondBy", localTime(clock, 7));
            model.addAttribute("transnationalForm", fresh);
        }
        if (service != null && !service.isBlank()) {
            providersFor(service, model);
        }
    }

    /** A new referral's form: its own id, urgent, to be answered within two days. */
    private MultiValueMap<String, String> freshReferral(String service) {
        MultiValueMap<String, String> fresh = new LinkedMultiValueMap<>();
        fresh.add("referralId", UUID.randomUUID().toString());
        fresh.add("urgency", "URGENT");
        fresh.add("respondBy", localTime(clock, 2));
        if (service != null) {
            fresh.add("serviceType", service);
        }
        return fresh;
    }

    private void providersFor(String service, Model model) {
        model.addAttribute("service", service);
        model.addAttribute("providers", service.isBlank() ? List.of()
                : api.list("/api/providers?serviceType={service}", service));
    }
}
