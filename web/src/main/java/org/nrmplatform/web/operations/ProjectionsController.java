package org.nrmplatform.web.operations;

import java.util.List;
import java.util.Map;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's projections (case-service's read models): each one's version, position and lag, and a rebuild
 * with its progress. The list refreshes itself (htmx polling) while a rebuild runs and stops once none does. A
 * rebuild is asked for twice: a page says what it does before the operator confirms it.
 */
@Controller
@RequestMapping("/projections")
class ProjectionsController {

    private final PlatformApi api;

    ProjectionsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String projections(Model model) {
        show(model);
        return "operations/projections";
    }

    /** The list alone, for the page's polling while a rebuild runs. */
    @GetMapping("/table")
    String table(Model model) {
        show(model);
        return "operations/projections :: table";
    }

    @GetMapping("/{name}/rebuild")
    String confirm(@PathVariable String name, Model model) {
        Map<String, Object> projection = api.list("/api/admin/projections").stream()
                .filter(candidate -> name.equals(candidate.get("name"))).findFirst()
                .orElseThrow(() -> RefusedAction.notFound("No projection " + name));
        model.addAttribute("projection", projection);
        return "operations/rebuild";
    }

    @PostMapping("/{name}/rebuild")
    String rebuild(@PathVariable String name, Model model, RedirectAttributes next) {
        try {
            api.post("/api/admin/projections/{name}/rebuild", Map.of(), name);
            next.addFlashAttribute("done", "projections.rebuild.started");
            return "redirect:/projections";
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            show(model);
            return "operations/projections";
        }
    }

    private void show(Model model) {
        List<Map<String, Object>> projections = api.list("/api/admin/projections");
        model.addAttribute("projections", projections);
        model.addAttribute("rebuilding", projections.stream().anyMatch(p -> p.get("rebuild") != null));
    }
}
