package org.nrmplatform.web.approvals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.nrmplatform.web.platform.CodeLists;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
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
 * The approver's page: the steps the people of their organisation asked for and the installation holds for a
 * second person (a closure, an identification decision, an erasure, a transnational referral), the longest waiting
 * first, each with what was asked, by whom (name and organisation) and when, and the forms that approve it (it is
 * then taken at once, the rules checked again) or reject it with a reason. The API refuses a person's own request;
 * the refusal is shown beside the approval. Beside it, "my requests": what the person asked for and where each
 * stands, and the withdrawal of one nobody has decided yet.
 */
@Controller
@RequestMapping("/approvals")
class ApprovalsController {

    static final int PAGE_SIZE = 50;
    private static final List<String> STATUSES = List.of("PENDING", "EXECUTED", "REFUSED", "REJECTED", "WITHDRAWN");
    /** Fields of a held step that the page shows otherwise (the case) or that mean nothing to a person. */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("caseId", "expectedVersion", "transnationalReferralId");

    /** Fields of a held step that hold codes, and their code lists: shown by their labels. */
    private static final Map<String, String> CODED = Map.of("reason", "closure-reason",
            "typesOfExploitation", "type-of-exploitation", "methodsOfControl", "method-of-control",
            "serviceType", "service-type");

    private final PlatformApi api;
    private final CodeLists codeLists;

    ApprovalsController(PlatformApi api, CodeLists codeLists) {
        this.api = api;
        this.codeLists = codeLists;
    }

    @GetMapping
    String approvals(@RequestParam(defaultValue = "PENDING") String status, Model model) {
        show(STATUSES.contains(status) ? status : "PENDING", model);
        return "approvals/approvals";
    }

    /** My requests: what the person asked for, in every state, the latest first, with a withdrawal while waiting. */
    @GetMapping("/mine")
    String mine(Model model) {
        show(api.get("/api/approvals?requestedBy=me&size={size}", PAGE_SIZE), model);
        return "approvals/mine";
    }

    /** Withdrawn: the step will never be taken. The API refuses anyone but the requester; shown beside it. */
    @PostMapping("/{approvalId}/withdrawal")
    String withdraw(@PathVariable UUID approvalId, Model model, RedirectAttributes next) {
        try {
            api.post("/api/approvals/{id}/withdrawal", Map.of(), approvalId);
            next.addFlashAttribute("done", "approvals.withdrawn");
            return "redirect:/approvals/mine";
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("refusedApproval", approvalId.toString());
            return mine(model);
        }
    }

    /** Approved: taken now as the requester's; should the case's rules refuse it, the page says why. */
    @PostMapping("/{approvalId}/approval")
    String approve(@PathVariable UUID approvalId, Model model, RedirectAttributes next) {
        try {
            Map<String, Object> decided = api.post("/api/approvals/{id}/approval", Map.of(), approvalId);
            if ("REFUSED".equals(decided.get("status"))) {
                next.addFlashAttribute("done", "approvals.refusedByTheCase");
                next.addFlashAttribute("refusal", decided.get("refusal"));
            } else {
                next.addFlashAttribute("done", "approvals.executed");
            }
            return "redirect:/approvals";
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("refusedApproval", approvalId.toString());
            show("PENDING", model);
            return "approvals/approvals";
        }
    }

    @PostMapping("/{approvalId}/rejection")
    String reject(@PathVariable UUID approvalId, @RequestParam MultiValueMap<String, String> form, Model model,
                  RedirectAttributes next) {
        return api.submit("/api/approvals/{id}/rejection", Submission.typedFields(form, "reason"), approvalId)
                .keeping("rejectionForm", Map.of("approvalId", approvalId.toString(), "reason",
                        String.valueOf(form.getFirst("reason"))))
                .then("approvals.rejected", stored -> "redirect:/approvals")
                .answer(model, next, () -> {
                    model.addAttribute("refusedApproval", approvalId.toString());
                    show("PENDING", model);
                    return "approvals/approvals";
                });
    }

    private void show(String status, Model model) {
        model.addAttribute("status", status);
        show(api.get("/api/approvals?status={status}&size={size}", status, PAGE_SIZE), model);
    }

    /** The approvals, what each asked field by field, and the organisations' names (who asked and decided). */
    private void show(Map<String, Object> approvals, Model model) {
        model.addAttribute("approvals", approvals);
        model.addAttribute("organisationNames", api.organisationNames());
        Map<Object, List<Map.Entry<String, String>>> asked = new LinkedHashMap<>();
        if (approvals.get("items") instanceof List<?> items) {
            items.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(approval ->
                    asked.put(approval.get("approvalId"), asked(approval.get("request"))));
        }
        model.addAttribute("asked", asked);
    }

    /** What was asked, field by field as the page shows it: lists and the legal basis's parts joined. */
    private List<Map.Entry<String, String>> asked(Object request) {
        if (!(request instanceof Map<?, ?> fields)) {
            return List.of();
        }
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        fields.forEach((name, value) -> {
            String list = CODED.get(String.valueOf(name));
            String text = value instanceof Map<?, ?> parts ? joined(parts.values(), " · ")
                    : value instanceof Collection<?> codes ? joined(codes.stream()
                            .map(code -> list == null ? code : codeLists.label(list, String.valueOf(code))).toList(), ", ")
                    : value == null ? "" : list == null ? value.toString() : codeLists.label(list, value.toString());
            if (!SHOWN_ELSEWHERE.contains(String.valueOf(name)) && !text.isBlank()) {
                shown.add(Map.entry(String.valueOf(name), text));
            }
        });
        return shown;
    }

    private static String joined(Collection<?> values, String separator) {
        return values.stream().filter(Objects::nonNull).map(Object::toString).collect(Collectors.joining(separator));
    }
}
