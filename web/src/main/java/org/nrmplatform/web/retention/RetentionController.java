package org.nrmplatform.web.retention;

import java.time.LocalDate;
import java.util.Map;
import org.nrmplatform.web.platform.PlatformApi;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrator's retention page: the configured periods and the daily run's time, the last runs, the dry run
 * for a day (the cases a run would erase, each with its rule, period and due date, and what the run does with it;
 * nothing is erased) and the retention erasures awaiting an approver.
 */
@Controller
@RequestMapping("/retention")
class RetentionController {

    private final PlatformApi api;

    RetentionController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String retention(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                     Model model) {
        model.addAttribute("overview", api.get("/api/retention"));
        Map<String, Object> dryRun = on == null ? api.get("/api/retention/dry-run")
                : api.get("/api/retention/dry-run?on={on}", on);
        model.addAttribute("dryRun", dryRun);
        model.addAttribute("organisations", api.organisationNames());
        return "retention/retention";
    }
}
