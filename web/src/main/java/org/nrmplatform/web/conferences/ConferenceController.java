package org.nrmplatform.web.conferences;

import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.typed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
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
 * The case manager's pages of a case's conferences: the list, latest held first, with the form that records one
 * (when, up to {@value #PARTICIPANT_ROWS} organisations at the table each with its role, the note, the decisions,
 * and up to {@value #ITEM_ROWS} action items, each owed by an organisation and optionally a colleague, by a date);
 * and one conference with its action items beside the tasks they became and how those stand. Rows left empty are
 * not sent; a refusal shows the form again with what was typed and the problem beside the field it names.
 */
@Controller
@RequestMapping("/cases/{caseId}/conferences")
class ConferenceController {

    static final int PARTICIPANT_ROWS = 6;
    static final int ITEM_ROWS = 3;

    private final PlatformApi api;

    ConferenceController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String conferences(@PathVariable UUID caseId, Model model) {
        show(caseId, model);
        return "conferences/conferences";
    }

    @PostMapping
    String record(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                  RedirectAttributes next) {
        return api.submit("/api/cases/{id}/conferences", request(form), caseId)
                .keeping("conferenceForm", form)
                .then("conferences.recorded", stored -> "redirect:/cases/" + caseId + "/conferences/"
                        + stored.get("conferenceId"))
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "conferences/conferences";
                });
    }

    @GetMapping("/{conferenceId}")
    String conference(@PathVariable UUID caseId, @PathVariable UUID conferenceId, Model model) {
        model.addAttribute("caseId", caseId.toString());
        model.addAttribute("conference", api.get("/api/cases/{id}/conferences/{c}", caseId, conferenceId));
        // the tasks the items became, as referral-service has them (the organisation that recorded it assigned them)
        Map<String, Map<String, Object>> tasks = new HashMap<>();
        api.items("/api/tasks?assigned=true&caseId={id}&size=200", caseId)
                .forEach(task -> tasks.put(String.valueOf(task.get("id")), task));
        model.addAttribute("tasks", tasks);
        model.addAttribute("organisationNames", api.organisationNames());
        return "conferences/conference";
    }

    private void show(UUID caseId, Model model) {
        model.addAttribute("caseId", caseId.toString());
        model.addAttribute("conferences", api.list("/api/cases/{id}/conferences", caseId));
        model.addAttribute("organisations", api.items("/api/identity/organisations?size=200"));
        model.addAttribute("organisationNames", api.organisationNames());
        model.addAttribute("colleagues", api.list("/api/tasks/colleagues"));
        model.addAttribute("participantRows", rows(PARTICIPANT_ROWS));
        model.addAttribute("itemRows", rows(ITEM_ROWS));
        if (!model.containsAttribute("newConferenceId")) {
            model.addAttribute("newConferenceId", UUID.randomUUID().toString());
        }
    }

    /** The API's request from the form: the rows of participants and action items that were filled in. */
    static Map<String, Object> request(MultiValueMap<String, String> form) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("conferenceId", typed(form.getFirst("conferenceId")));
        request.put("heldAt", instant(form.getFirst("heldAt")));
        List<Map<String, Object>> participants = new ArrayList<>();
        for (int row = 0; row < PARTICIPANT_ROWS; row++) {
            String organisation = typed(form.getFirst("participant-" + row));
            String role = typed(form.getFirst("participant-role-" + row));
            if (organisation != null || role != null) {
                Map<String, Object> participant = new HashMap<>();
                participant.put("organisationId", organisation);
                participant.put("role", role);
                participants.add(participant);
            }
        }
        request.put("participants", participants);
        request.put("note", typed(form.getFirst("note")));
        request.put("decisions", typed(form.getFirst("decisions")));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int row = 0; row < ITEM_ROWS; row++) {
            String description = typed(form.getFirst("item-" + row));
            if (description != null) {
                Map<String, Object> item = new HashMap<>();
                item.put("description", description);
                item.put("owedByOrganisationId", typed(form.getFirst("item-owedBy-" + row)));
                item.put("owedByUserId", typed(form.getFirst("item-person-" + row)));
                item.put("dueAt", instant(form.getFirst("item-dueAt-" + row)));
                items.add(item);
            }
        }
        request.put("actionItems", items);
        return request;
    }

    private static List<Integer> rows(int count) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            rows.add(row);
        }
        return rows;
    }
}
