package org.nrmplatform.web.operations;

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

/**
 * The operator's verification of the whole store (docs/evidence.md, "The whole store"): started from a page that
 * says what it does, followed on its own page, which refreshes itself (htmx polling) while it runs and then shows
 * what was found.
 */
@Controller
@RequestMapping("/store-verifications")
class StoreVerificationsController {

    private final PlatformApi api;

    StoreVerificationsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String start() {
        return "operations/store-verification";
    }

    @PostMapping
    String verify(Model model) {
        try {
            Map<String, Object> started = api.post("/api/audit/store-verifications", Map.of());
            return "redirect:/store-verifications/" + started.get("id");
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            return "operations/store-verification";
        }
    }

    @GetMapping("/{id}")
    String verification(@PathVariable UUID id, Model model) {
        model.addAttribute("verification", api.get("/api/audit/store-verifications/{id}", id));
        return "operations/store-verification";
    }

    /** The progress alone, for the page's polling while the verification runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("verification", api.get("/api/audit/store-verifications/{id}", id));
        return "operations/store-verification :: progress";
    }
}
