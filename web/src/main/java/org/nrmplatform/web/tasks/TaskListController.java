package org.nrmplatform.web.tasks;

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
 * "My organisation's tasks", for every role that works a case: the tasks the person's organisation owes, soonest
 * due first (open ones unless asked for all), each with its case, what is owed, by when, for which role, whether it
 * was reminded or is overdue (escalated), and the form that records it done with a reason; below, the tasks the
 * organisation assigned to others and how they stand. A refusal is shown with what was typed kept.
 */
@Controller
@RequestMapping("/tasks")
class TaskListController {

    static final int PAGE_SIZE = 50;
    private static final List<String> STATUSES = List.of("OPEN", "DONE", "CANCELLED");

    private final PlatformApi api;

    TaskListController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String tasks(@RequestParam(defaultValue = "OPEN") String status, Model model) {
        show(STATUSES.contains(status) ? status : "", model);
        return "tasks/tasks";
    }

    @PostMapping("/{taskId}/completion")
    String done(@PathVariable UUID taskId, @RequestParam MultiValueMap<String, String> form, Model model,
                RedirectAttributes next) {
        return api.submit("/api/tasks/{id}/completion", Submission.typedFields(form, "reason"), taskId)
                .keeping("doneForm", Map.of("taskId", taskId.toString(), "reason",
                        String.valueOf(form.getFirst("reason"))))
                .then("tasks.done", stored -> "redirect:/tasks")
                .answer(model, next, () -> {
                    show("OPEN", model);
                    return "tasks/tasks";
                });
    }

    private void show(String status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("owed", api.get("/api/tasks?status={status}&size={size}", status, PAGE_SIZE));
        model.addAttribute("assigned", api.get("/api/tasks?assigned=true&status=OPEN&size={size}", PAGE_SIZE));
        model.addAttribute("organisationNames", api.organisationNames());
    }
}
