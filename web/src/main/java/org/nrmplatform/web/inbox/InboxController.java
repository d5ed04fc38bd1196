package org.nrmplatform.web.inbox;

import static org.nrmplatform.web.platform.Submission.typed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
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
 * it or declining it with a reason from the code list. A refusal is shown beside the field it names.
 */
@Controller
@RequestMapping("/inbox")
class InboxController {

    static final int PAGE_SIZE = 20;

    private final PlatformApi api;

    InboxController(PlatformApi api) {
        this.api = api;
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

    private String answer(UUID referralId, String action, Map<String, Object> request, String done,
                          Map<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/referrals/{id}/" + action, request, referralId)
                .keeping("answerForm", form)
                .then(done, stored -> "redirect:/inbox/referrals/" + referralId)
                .answer(model, next, () -> {
                    model.addAttribute("answering", action);
                    show(referralId, model);
                    return "inbox/referral";
                });
    }

    private void show(UUID referralId, Model model) {
        Map<String, Object> referral = api.get("/api/referrals/{id}", referralId);
        model.addAttribute("referral", referral);
        // the provider's view follows the stored answer moments later: right after it, say so if it still waits
        model.addAttribute("behind", model.getAttribute("written") != null
                && "REQUESTED".equals(referral.get("status")));
    }
}
