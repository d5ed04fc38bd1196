package org.nrmplatform.web.inbox;

import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.localTime;
import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
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
 * The service provider's inbox: the referrals made to it (what referral-service shows a provider: service,
 * urgency, answer-by date, note, child or adult; never the person's identity) and its answer to one, accepting
 * it or declining it with a reason from the code list; once accepted, the assistance steps delivered and the
 * referral's completion. A refusal is shown beside the field it names.
 */
@Controller
@RequestMapping("/inbox")
class InboxController {

    static final int PAGE_SIZE = 20;
    /** A referral in these states gives the provider its view of the case. */
    private static final List<String> ACTIVE = List.of("REQUESTED", "ACCEPTED");

    private final PlatformApi api;
    private final Clock clock;

    InboxController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String inbox(@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "0") int page,
                 Model model) {
        int shown = Math.max(page, 0);
        String filter = status.matches("[A-Z_]{1,20}") ? status : "";
        model.addAttribute("referrals", filter.isEmpty()
                ? api.get("/api/referrals?page={page}&size={size}", shown, PAGE_SIZE)
                : api.get("/api/referrals?status={status}&page={page}&size={size}", filter, shown, PAGE_SIZE));
        model.addAttribute("status", filter);
        model.addAttribute("page", shown);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "inbox/inbox";
    }

    @GetMapping("/referrals/{referralId}")
    String referral(@PathVariable UUID referralId, Model model) {
        show(referralId, model);
        return "inbox/referral";
    }

    @PostMapping("/referrals/{referralId}/acceptance")
    String accept(@PathVariable UUID referralId, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("note", typed(form.get("note")));
        return answer(referralId, "acceptance", request, "inbox.accepted", form, model, next);
    }

    @PostMapping("/referrals/{referralId}/decline")
    String decline(@PathVariable UUID referralId, @RequestParam Map<String, String> form, Model model,
                   RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", typed(form.get("reason")));
        request.put("note", typed(form.get("note")));
        return answer(referralId, "decline", request, "inbox.declined", form, model, next);
    }

    /** After accepting: one assistance step delivered (service, when, by whom, outcome). */
    @PostMapping("/referrals/{referralId}/assistance-steps")
    String recordStep(@PathVariable UUID referralId, @RequestParam Map<String, String> form, Model model,
                      RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button the same step, never two
        String stepId = typed(form.get("stepId"));
        request.put("stepId", stepId != null ? stepId : UUID.randomUUID().toString());
        request.put("serviceType", typed(form.get("serviceType")));
        request.put("deliveredAt", instant(form.get("deliveredAt")));
        request.put("deliveredBy", typed(form.get("deliveredBy")));
        request.put("outcome", typed(form.get("outcome")));
        return answer(referralId, "assistance-steps", request, "inbox.step.recorded", form, model, next);
    }

    @PostMapping("/referrals/{referralId}/completion")
    String complete(@PathVariable UUID referralId, @RequestParam Map<String, String> form, Model model,
                    RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("outcome", typed(form.get("outcome")));
        return answer(referralId, "completion", request, "inbox.completed", form, model, next);
    }

    private String answer(UUID referralId, String action, Map<String, Object> request, String done,
                          Map<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/referrals/{id}/" + action, request, referralId)
                .keeping("answerForm", form)
                .then(done, stored -> {
                    // what the page waits to see: the status the write made, or the step it recorded
                    next.addFlashAttribute("expectedStatus", stored.get("status"));
                    next.addFlashAttribute("expectedStep", request.get("stepId"));
                    return "redirect:/inbox/referrals/" + referralId;
                })
                .answer(model, next, () -> {
                    model.addAttribute("answering", action);
                    show(referralId, model);
                    return "inbox/referral";
                });
    }

    /**
     * The warnings on the referred person's case, which the provider sees while its referral is active (the
     * provider's view of the case; the read is logged as every read of it is). Only the flags are shown here.
     */
    private List<?> flagsOfTheCase(Map<String, Object> referral) {
        if (!ACTIVE.contains(String.valueOf(referral.get("status"))) || referral.get("caseId") == null) {
            return List.of();
        }
        try {
            return api.get("/api/cases/{id}", referral.get("caseId")).get("flags") instanceof List<?> flags
                    ? flags : List.of();
        } catch (RefusedAction ended) {
            if (ended.status() == 404) {
                return List.of(); // the referral ended since it was read: the case is no longer the provider's
            }
            throw ended;
        }
    }

    private void show(UUID referralId, Model model) {
        Map<String, Object> referral = api.get("/api/referrals/{id}", referralId);
        model.addAttribute("referral", referral);
        List<?> flags = flagsOfTheCase(referral);
        model.addAttribute("caseFlags", flags);
        if (!flags.isEmpty()) {
            model.addAttribute("organisationNames", api.organisationNames());
        }
        // the provider's view follows the stored write moments later: right after it, say so if it still waits
        Object status = model.getAttribute("expectedStatus");
        Object step = model.getAttribute("expectedStep");
        boolean stepShown = step == null || referral.get("steps") instanceof List<?> steps && steps.stream()
                .anyMatch(shown -> shown instanceof Map<?, ?> recorded && step.equals(recorded.get("stepId")));
        model.addAttribute("behind", status != null && !status.equals(referral.get("status")) || !stepShown);
        model.addAttribute("now", localTime(clock, 0));
        model.addAttribute("stepId", UUID.randomUUID().toString());
    }
}
