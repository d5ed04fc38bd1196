package org.nrmplatform.web.actionplan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.PlatformApi.Download;
import org.nrmplatform.web.platform.RefusedAction;
import org.nrmplatform.web.platform.Submission;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * National action plans for the NRM's coordinators (the monitor and the administrator): the plans, recording one,
 * and a plan's page with its report (each objective's activities and indicators, every period's status and value,
 * the narratives) and the forms that add objectives, activities and indicators, record an institution's reported
 * value and report a period's progress; the report as PDF and CSV. A bound indicator's value is the platform's
 * computed national figure, shown as suppressed when it is.
 */
@Controller
@RequestMapping("/action-plans")
class ActionPlanController {

    static final List<String> PROGRESS = List.of("ON_TRACK", "DELAYED", "AT_RISK");
    static final List<String> IMPLEMENTATION = List.of("NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CANCELLED");

    /** A computed indicator a plan's indicator can be bound to, with its name in the person's language. */
    record Computed(String id, String label, String unit) {
    }

    private final PlatformApi api;
    private final MessageSource messages;

    ActionPlanController(PlatformApi api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping
    String plans(Model model) {
        model.addAttribute("plans", api.items("/api/action-plans"));
        return "actionplan/plans";
    }

    @PostMapping
    String record(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/action-plans", Submission.typedFields(form, "title", "startsOn", "endsOn"))
                .keeping("planForm", form.toSingleValueMap())
                .then("actionPlan.recorded", stored -> "redirect:/action-plans/" + stored.get("planId"))
                .answer(model, next, () -> plans(model));
    }

    @GetMapping("/{planId}")
    String plan(@PathVariable UUID planId, Model model, Locale locale) {
        model.addAttribute("report", api.shown(model, "/api/action-plans/{planId}/report", planId));
        model.addAttribute("computed", computed(locale));
        model.addAttribute("progress", PROGRESS);
        model.addAttribute("implementation", IMPLEMENTATION);
        return "actionplan/plan";
    }

    @PostMapping("/{planId}/objectives")
    String objective(@PathVariable UUID planId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next, Locale locale) {
        return write(planId, "objectives", Submission.typedFields(form, "title"), "objectiveForm", form,
                "actionPlan.objective.added", model, next, locale);
    }

    @PostMapping("/{planId}/activities")
    String activity(@PathVariable UUID planId, @RequestParam MultiValueMap<String, String> form, Model model,
                    RedirectAttributes next, Locale locale) {
        return write(planId, "activities", Submission.typedFields(form, "objectiveId", "title",
                "responsibleInstitution", "deadline", "status"), "activityForm", form, "actionPlan.activity.added",
                model, next, locale);
    }

    /** Bound ({@code source=computed}: the computed indicator chosen) or reported by the institution typed. */
    @PostMapping("/{planId}/indicators")
    String indicator(@PathVariable UUID planId, @RequestParam MultiValueMap<String, String> form, Model model,
                     RedirectAttributes next, Locale locale) {
        Map<String, Object> request = Submission.typedFields(form, "objectiveId", "name", "unit", "baseline",
                "target");
        if ("computed".equals(form.getFirst("source"))) {
            request.put("boundTo", Submission.typed(form.getFirst("boundTo")));
            request.put("category", Submission.typed(form.getFirst("category")));
        } else {
            request.put("reportedBy", Submission.typed(form.getFirst("reportedBy")));
        }
        return write(planId, "indicators", request, "indicatorForm", form, "actionPlan.indicator.added", model,
                next, locale);
    }

    @PostMapping("/{planId}/values")
    String value(@PathVariable UUID planId, @RequestParam MultiValueMap<String, String> form, Model model,
                 RedirectAttributes next, Locale locale) {
        String indicatorId = Submission.typed(form.getFirst("indicatorId"));
        if (indicatorId == null) {
            model.addAttribute("refused", RefusedAction.invalid("indicatorId",
                    messages.getMessage("actionPlan.value.chooseIndicator", null, locale)));
            model.addAttribute("valueForm", form.toSingleValueMap());
            return plan(planId, model, locale);
        }
        return api.submit("/api/action-plans/{planId}/indicators/{indicatorId}/values",
                        Submission.typedFields(form, "period", "value", "note"), planId, indicatorId)
                .keeping("valueForm", form.toSingleValueMap())
                .then("actionPlan.value.reported", stored -> "redirect:/action-plans/" + planId)
                .answer(model, next, () -> plan(planId, model, locale));
    }

    /** The period's narrative and, for each activity and indicator given a status, that status. */
    @PostMapping("/{planId}/progress")
    String progress(@PathVariable UUID planId, @RequestParam MultiValueMap<String, String> form, Model model,
                    RedirectAttributes next, Locale locale) {
        Map<String, Object> request = Submission.typedFields(form, "period", "narrative");
        List<Map<String, Object>> activities = new ArrayList<>();
        List<Map<String, Object>> indicators = new ArrayList<>();
        form.forEach((name, values) -> {
            String chosen = Submission.typed(values.get(0));
            if (chosen == null) {
                return;
            }
            if (name.startsWith("activity.")) {
                String id = name.substring("activity.".length());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("activityId", id);
                entry.put("status", chosen);
                entry.put("implementation", Submission.typed(form.getFirst("implementation." + id)));
                activities.add(entry);
            } else if (name.startsWith("indicator.")) {
                indicators.add(Map.of("indicatorId", name.substring("indicator.".length()), "status", chosen));
            }
        });
        request.put("activities", activities);
        request.put("indicators", indicators);
        return api.submit("/api/action-plans/{planId}/progress-reports", request, planId)
                .keeping("progressForm", form.toSingleValueMap())
                .then("actionPlan.progress.reported", stored -> "redirect:/action-plans/" + planId)
                .answer(model, next, () -> plan(planId, model, locale));
    }

    @GetMapping("/{planId}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID planId) {
        return file(api.download("/api/action-plans/{planId}/report?format=pdf", planId), MediaType.APPLICATION_PDF,
                "action-plan-" + planId + ".pdf");
    }

    @GetMapping("/{planId}/report.csv")
    ResponseEntity<byte[]> csv(@PathVariable UUID planId) {
        return file(api.download("/api/action-plans/{planId}/report?format=csv", planId),
                new MediaType("text", "csv"), "action-plan-" + planId + ".csv");
    }

    private String write(UUID planId, String what, Map<String, Object> request, String formName,
                         MultiValueMap<String, String> form, String done, Model model, RedirectAttributes next,
                         Locale locale) {
        return api.submit("/api/action-plans/{planId}/" + what, request, planId)
                .keeping(formName, form.toSingleValueMap())
                .then(done, stored -> "redirect:/action-plans/" + planId)
                .answer(model, next, () -> plan(planId, model, locale));
    }

    private List<Computed> computed(Locale locale) {
        return api.items("/api/action-plans/computed-indicators").stream().map(definition -> {
            String id = String.valueOf(definition.get("id"));
            return new Computed(id, label(id, locale), String.valueOf(definition.get("unit")));
        }).toList();
    }

    /** The indicators page's name for it; victims by a dimension are named as that page names them. */
    private String label(String id, Locale locale) {
        int dot = id.indexOf('.');
        if (dot < 0) {
            return messages.getMessage("indicators." + id, null, id, locale);
        }
        String dimension = messages.getMessage("statistics.dimension." + id.substring(dot + 1), null,
                id.substring(dot + 1), locale);
        String base = id.substring(0, dot);
        String key = base.equals("presumedVictims") ? "indicators.presumedBy"
                : base.equals("identifiedVictims") ? "indicators.identifiedBy" : null;
        return key == null ? id : messages.getMessage(key, new Object[] {dimension}, id, locale);
    }

    private static ResponseEntity<byte[]> file(Download download, MediaType fallback, String name) {
        MediaType type = download.headers().getContentType();
        return ResponseEntity.ok().contentType(type != null ? type : fallback)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(download.body());
    }
}
