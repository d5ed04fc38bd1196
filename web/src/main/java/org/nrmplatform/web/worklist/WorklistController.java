package org.nrmplatform.web.worklist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The case manager's work: the worklist of the cases their organisation is responsible for (newest first, as
 * the API orders them, a page at a time) and a case's page with its timeline from the history (who, which
 * organisation and role, when, and the request that caused each step).
 */
@Controller
class WorklistController {

    static final int PAGE_SIZE = 20;

    private final PlatformApi api;

    WorklistController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/worklist")
    String worklist(@RequestParam(defaultValue = "0") int page, Model model) {
        int shown = Math.max(page, 0);
        model.addAttribute("cases", api.get("/api/cases?page={page}&size={size}", shown, PAGE_SIZE));
        model.addAttribute("page", shown);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "worklist/worklist";
    }

    @GetMapping("/cases/{caseId}")
    String caseFile(@PathVariable UUID caseId, Model model) {
        model.addAttribute("caseFile", api.get("/api/cases/{id}", caseId));
        Map<String, String> organisations = organisationNames();
        List<TimelineStep> timeline = new ArrayList<>();
        if (api.get("/api/cases/{id}/history", caseId).get("events") instanceof List<?> events) {
            events.stream().filter(Map.class::isInstance).forEach(event ->
                    timeline.add(TimelineStep.of((Map<?, ?>) event, organisations)));
        }
        model.addAttribute("timeline", timeline);
        return "worklist/case";
    }

    /** The timeline names organisations, not their ids (the first 200 of the directory; beyond, the id shows). */
    private Map<String, String> organisationNames() {
        Map<String, String> names = new HashMap<>();
        if (api.get("/api/identity/organisations?size=200").get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> organisation) {
                    names.put(String.valueOf(organisation.get("id")), String.valueOf(organisation.get("name")));
                }
            }
        }
        return names;
    }
}
