package org.nrmplatform.web.emergencies;

import static org.nrmplatform.web.platform.Submission.instant;
import static org.nrmplatform.web.platform.Submission.localTime;
import static org.nrmplatform.web.platform.Submission.typed;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
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
 * Emergency situations for the professionals who open cases: the situations, registering one, the rapid form
 * for a group of persons found together (one block per person, a phone's width), and a situation's page with
 * the cases the person may see and whether each is still to complete (completed through the case's own forms).
 */
@Controller
@RequestMapping("/emergencies")
class EmergencyController {

    private static final String RAPID_SET = "rapid-v1";

    private final PlatformApi api;
    private final Clock clock;

    EmergencyController(PlatformApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping
    String situations(Model model) {
        model.addAttribute("situations", api.list("/api/emergency-situations"));
        return "emergencies/situations";
    }

    @GetMapping("/new")
    String registrationForm(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("situationId", UUID.randomUUID().toString());
        form.put("country", "RS");
        form.put("startedOn", LocalDate.now(clock.withZone(Submission.LOCAL_TIME)).toString());
        model.addAttribute("form", form);
        return "emergencies/new";
    }

    @PostMapping("/new")
    String register(@RequestParam Map<String, String> form, Model model, RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        // the form's own id makes a second press of the button the same situation
        request.put("situationId", form.getOrDefault("situationId", UUID.randomUUID().toString()));
        request.put("kind", typed(form.get("kind")));
        request.put("country", typed(form.get("country")));
        request.put("municipality", typed(form.get("municipality")));
        request.put("startedOn", typed(form.get("startedOn")));
        request.put("description", typed(form.get("description")));
        return api.submit("/api/emergency-situations", request)
                .keeping("form", form)
                .then("emergencies.registered", stored -> "redirect:/emergencies/" + stored.get("situationId")
                        + "/persons")
                .answer(model, next, () -> "emergencies/new");
    }

    @GetMapping("/{situationId}")
    String situation(@PathVariable UUID situationId, Model model) {
        model.addAttribute("situation", situationOf(situationId));
        model.addAttribute("cases", api.get("/api/emergency-situations/{id}/cases", situationId));
        model.addAttribute("history", api.list("/api/emergency-situations/{id}/history", situationId));
        model.addAttribute("organisationNames", api.organisationNames());
        return "emergencies/situation";
    }

    @GetMapping("/{situationId}/persons")
    String groupForm(@PathVariable UUID situationId, @RequestParam(required = false) String rows, Model model) {
        int shown = GroupForm.rows(rows);
        Map<String, String> form = GroupForm.fresh(shown);
        form.put("screenedAt", localTime(clock, 0));
        showGroupForm(situationId, shown, form, List.of(), model);
        return "emergencies/persons";
    }

    @PostMapping("/{situationId}/persons")
    String registerPersons(@PathVariable UUID situationId, @RequestParam MultiValueMap<String, String> form,
                           Model model, RedirectAttributes next) {
        GroupForm group = new GroupForm(form);
        return api.submit("/api/emergency-situations/{id}/persons", group.request(instant(form.getFirst("screenedAt"))),
                        situationId)
                .then("emergencies.persons.registered", stored -> "redirect:/emergencies/" + situationId)
                .answer(model, next, () -> {
                    showGroupForm(situationId, group.rows(), group.typed(), group.sentIndex(), model);
                    model.addAttribute("needs", needsOf(group));
                    return "emergencies/persons";
                });
    }

    private void showGroupForm(UUID situationId, int rows, Map<String, String> form, List<Integer> sentIndex,
                               Model model) {
        model.addAttribute("situation", situationOf(situationId));
        model.addAttribute("rapidSet", api.get("/api/indicator-sets/{id}", RAPID_SET));
        model.addAttribute("rows", rows);
        model.addAttribute("form", form);
        model.addAttribute("sentIndex", sentIndex.isEmpty()
                ? IntStream.range(0, rows).boxed().toList() : sentIndex);
        if (!model.containsAttribute("needs")) {
            model.addAttribute("needs", IntStream.range(0, rows).mapToObj(i -> List.<String>of())
                    .toList());
        }
    }

    private static List<List<String>> needsOf(GroupForm group) {
        return IntStream.range(0, group.rows()).mapToObj(group::needs).toList();
    }

    /** The situation as the API answers it; moments after it was registered its list may not show it yet. */
    private Map<String, Object> situationOf(UUID situationId) {
        return api.readAfterWrite(0, "/api/emergency-situations/{id}", situationId);
    }
}
