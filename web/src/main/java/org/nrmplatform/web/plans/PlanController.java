package org.nrmplatform.web.plans;

import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.localTime;
import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case manager's page of a person's individual assistance plan: the needs by domain, the goals, the services
 * agreed with the provider responsible (each referred to it with one button, provider and service filled in from
 * the plan), the person's agreement (and whether the plan changed since), the reviews and when the next is due;
 * with a form for each. A refusal shows the page again with what was typed and the problem beside its field.
 */
@Controller
@RequestMapping("/cases/{caseId}/plan")
class PlanController {

    private final PlatformApi api;
    private final Clock clock;

    PlanController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String plan(@PathVariable UUID caseId, Model model) {
        return show(caseId, model);
    }

    @PostMapping("/needs")
    String need(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("needId", typed(form.getFirst("needId")));
        request.put("domain", typed(form.getFirst("domain")));
        request.put("description", typed(form.getFirst("description")));
        return write(caseId, "/needs", request, "needForm", form, "#needs", model, next);
    }

    @PostMapping("/goals")
    String goal(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("goalId", typed(form.getFirst("goalId")));
        request.put("needId", typed(form.getFirst("goalNeedId")));
        request.put("description", typed(form.getFirst("goalDescription")));
        request.put("targetDate", typed(form.getFirst("goalTargetDate")));
        return write(caseId, "/goals", request, "goalForm", form, "#goals", model, next);
    }

    @PostMapping("/services")
    String service(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                   RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("serviceId", typed(form.getFirst("serviceId")));
        request.put("needId", typed(form.getFirst("serviceNeedId")));
        request.put("serviceType", typed(form.getFirst("serviceType")));
        request.put("providerOrganisationId", typed(form.getFirst("providerOrganisationId")));
        request.put("targetDate", typed(form.getFirst("serviceTargetDate")));
        return write(caseId, "/services", request, "serviceForm", form, "#services", model, next);
    }

    @PostMapping("/agreement")
    String agreement(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agreedOn", typed(form.getFirst("agreedOn")));
        request.put("form", typed(form.getFirst("form")));
        request.put("withWhom", typed(form.getFirst("withWhom")));
        request.put("note", typed(form.getFirst("agreementNote")));
        return write(caseId, "/agreement", request, "agreementForm", form, "#agreement", model, next);
    }

    @PostMapping("/reviews")
    String review(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                  RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("note", typed(form.getFirst("reviewNote")));
        return write(caseId, "/reviews", request, "reviewForm", form, "#reviews", model, next);
    }

    /**
     * The referral of one planned service, in one step: to the provider responsible, for the service's type, both
     * taken from the plan (not from the form), naming the service so that the plan records the referral.
     */
    @PostMapping("/services/{serviceId}/referral")
    String refer(@PathVariable UUID caseId, @PathVariable String serviceId,
                 @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        Map<String, Object> service = servicesOf(api.get("/api/cases/{id}/plan", caseId)).stream()
                .filter(planned -> serviceId.equals(planned.get("serviceId"))).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such service in the plan"));
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button the same referral, never two
        String referralId = typed(form.getFirst("referralId"));
        request.put("referralId", referralId != null ? referralId : UUID.randomUUID().toString());
        request.put("caseId", caseId.toString());
        request.put("providerOrganisationId", service.get("providerOrganisationId"));
        request.put("serviceType", service.get("serviceType"));
        request.put("urgency", typed(form.getFirst("urgency")));
        request.put("respondBy", instant(form.getFirst("respondBy")));
        request.put("note", typed(form.getFirst("note")));
        request.put("planServiceId", serviceId);
        return api.submit("/api/referrals", request)
                .keeping("referralForm", form)
                .then("plan.referred", stored -> "redirect:/cases/" + caseId + "/plan#services")
                .answer(model, next, () -> show(caseId, model));
    }

    private String write(UUID caseId, String part, Map<String, Object> request, String formName,
                         MultiValueMap<String, String> form, String anchor, Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/plan" + part, request, caseId)
                .keeping(formName, form)
                .then("plan.recorded", stored -> "redirect:/cases/" + caseId + "/plan" + anchor)
                .answer(model, next, () -> show(caseId, model));
    }

    private String show(UUID caseId, Model model) {
        model.addAttribute("caseId", caseId.toString());
        model.addAttribute("plan", api.get("/api/cases/{id}/plan", caseId));
        model.addAttribute("providers", api.list("/api/providers"));
        model.addAttribute("organisationNames", api.organisationNames());
        // fresh ids make a second press of a button the same entry (409), never two
        for (String id : List.of("newNeedId", "newGoalId", "newServiceId", "newReferralId")) {
            if (!model.containsAttribute(id)) {
                model.addAttribute(id, UUID.randomUUID().toString());
            }
        }
        model.addAttribute("respondBy", localTime(clock, 2));
        return "plans/plan";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> servicesOf(Map<String, Object> plan) {
        return plan.get("services") instanceof List<?> services ? (List<Map<String, Object>>) services : List.of();
    }
}
