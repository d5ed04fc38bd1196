package org.nrmplatform.web.worklist;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nrmplatform.web.platform.PlatformApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The case manager's worklist: the cases their organisation is responsible for, newest first as the API orders
 * them, a page at a time, filtered by stage and by open or closed (the case list's own filters), or narrowed to
 * the cases with overdue referrals (the referrals API's list of its organisation's unanswered referrals past
 * their answer-by time). Each case shows the end of its reflection period and how many of its referrals are overdue.
 */
@Controller
class WorklistController {

    static final int PAGE_SIZE = 20;
    static final List<String> STAGES = List.of("POTENTIAL_VICTIM", "PRESUMED_VICTIM", "IDENTIFIED_VICTIM",
            "NOT_IDENTIFIED");
    private static final Map<String, String> STATES = Map.of("open", "false", "closed", "true");

    private final PlatformApi api;

    WorklistController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/worklist")
    String worklist(@RequestParam(defaultValue = "") String stage, @RequestParam(defaultValue = "") String state,
                    @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "0") int page,
                    Model model) {
        int shown = Math.max(page, 0);
        String chosenStage = STAGES.contains(stage) ? stage : "";
        String chosenState = STATES.containsKey(state) ? state : "";
        List<Map<String, Object>> late = api.list("/api/referrals/overdue");
        Map<String, Integer> overdueByCase = new HashMap<>();
        late.forEach(referral -> overdueByCase.merge(String.valueOf(referral.get("caseId")), 1, Integer::sum));
        model.addAttribute("cases", overdue
                ? casesWithOverdueReferrals(overdueByCase.keySet(), chosenStage, chosenState, shown)
                : api.get("/api/cases?page={page}&size={size}&stage={stage}&closed={closed}", shown, PAGE_SIZE,
                        chosenStage, STATES.getOrDefault(chosenState, "")));
        model.addAttribute("overdueByCase", overdueByCase);
        model.addAttribute("overdueCount", late.size());
        model.addAttribute("stages", STAGES);
        model.addAttribute("stage", chosenStage);
        model.addAttribute("state", chosenState);
        model.addAttribute("overdue", overdue);
        model.addAttribute("page", shown);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "worklist/worklist";
    }

    /**
     * The API has no case filter by referral, and an organisation's overdue referrals are few: each of their
     * cases is read, kept if it matches the other filters, ordered newest first and paged here.
     */
    private Map<String, Object> casesWithOverdueReferrals(Set<String> caseIds, String stage, String state, int page) {
        List<Map<String, Object>> matching = new LinkedHashSet<>(caseIds).stream()
                .map(id -> api.get("/api/cases/{id}", id))
                .filter(c -> stage.isEmpty() || stage.equals(c.get("stage")))
                .filter(c -> state.isEmpty() || STATES.get(state).equals(String.valueOf(c.get("closed"))))
                .sorted(Comparator.comparing((Map<String, Object> c) -> String.valueOf(c.get("openedAt"))).reversed())
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", matching.stream().skip((long) page * PAGE_SIZE).limit(PAGE_SIZE).toList());
        answer.put("total", matching.size());
        return answer;
    }
}
