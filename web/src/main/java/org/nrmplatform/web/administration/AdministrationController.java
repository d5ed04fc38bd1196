package org.nrmplatform.web.administration;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.http.HttpHeaders;
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
 * The administrator's work on identity-service: the organisations of the NRM, each one's user accounts and API
 * clients, their roles, and deactivation (asked for twice: a page says what it does first). A client's secret is
 * shown once, on the page that answers its registration, and is kept nowhere here. Accounts and clients are shown
 * from identity-service's views, which follow a write moments later: a page right after a write waits for it.
 */
@Controller
@RequestMapping("/administration")
class AdministrationController {

    /** The platform's roles (identity-service's role codes), in the order the forms offer them. */
    static final List<String> ROLES = List.of("first-line", "identification-authority", "case-manager",
            "service-provider", "prosecutor", "monitor", "operator", "administrator", "approver");
    static final int PAGE_SIZE = 50;

    private final PlatformApi api;

    AdministrationController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping
    String organisations(@RequestParam(defaultValue = "0") int page, Model model) {
        showOrganisations(Math.max(page, 0), model);
        return "administration/organisations";
    }

    @PostMapping("/organisations")
    String registerOrganisation(@RequestParam MultiValueMap<String, String> form, Model model,
                                RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("organisationId", UUID.randomUUID().toString());
        request.put("name", blankToNull(form.getFirst("name")));
        request.put("type", blankToNull(form.getFirst("type")));
        request.put("country", blankToNull(upper(form.getFirst("country"))));
        request.put("servicesOffered", form.getOrDefault("servicesOffered", List.of()));
        try {
            Map<String, Object> registered = api.post("/api/identity/organisations", request);
            next.addFlashAttribute("done", "administration.organisation.registered");
            return "redirect:/administration/organisations/" + registered.get("organisationId");
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("organisationForm", form.toSingleValueMap());
            model.addAttribute("servicesChosen", form.getOrDefault("servicesOffered", List.of()));
            showOrganisations(0, model);
            return "administration/organisations";
        }
    }

    @GetMapping("/organisations/{organisationId}")
    String organisation(@PathVariable UUID organisationId, Model model) {
        showOrganisation(organisationId, model);
        return "administration/organisation";
    }

    @PostMapping("/organisations/{organisationId}/users")
    String createAccount(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form,
                         Model model, RedirectAttributes next) {
        UUID userId = UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userId", userId.toString());
        request.put("organisationId", organisationId.toString());
        request.put("username", blankToNull(form.getFirst("username")));
        request.put("displayName", blankToNull(form.getFirst("displayName")));
        request.put("roles", form.getOrDefault("roles", List.of()));
        request.put("password", form.getFirst("password"));
        try {
            Map<String, Object> created = api.post("/api/identity/users", request);
            next.addFlashAttribute("written", created.get("version"));
            next.addFlashAttribute("done", "administration.account.created");
            return "redirect:/administration/users/" + userId;
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("accountForm", Map.of("username", String.valueOf(form.getFirst("username")),
                    "displayName", String.valueOf(form.getFirst("displayName")))); // never the password
            model.addAttribute("accountRoles", form.getOrDefault("roles", List.of()));
            showOrganisation(organisationId, model);
            return "administration/organisation";
        }
    }

    /** The answer to a client's registration is the only page that ever shows its secret: never cached. */
    @PostMapping("/organisations/{organisationId}/clients")
    String registerClient(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form,
                          Model model, HttpServletResponse response) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("organisationId", organisationId.toString());
        request.put("clientId", blankToNull(form.getFirst("clientId")));
        request.put("roles", form.getOrDefault("roles", List.of()));
        try {
            model.addAttribute("registered", api.post("/api/identity/clients", request));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return "administration/client-registered";
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("clientForm", Map.of("clientId", String.valueOf(form.getFirst("clientId"))));
            model.addAttribute("clientRoles", form.getOrDefault("roles", List.of()));
            showOrganisation(organisationId, model);
            return "administration/organisation";
        }
    }

    @GetMapping("/users/{userId}")
    String account(@PathVariable UUID userId, Model model) {
        showHolder("users", userId.toString(), model);
        return "administration/holder";
    }

    @GetMapping("/clients/{clientId}")
    String client(@PathVariable String clientId, Model model) {
        showHolder("clients", clientId, model);
        return "administration/holder";
    }

    @PostMapping("/{kind:users|clients}/{id}/roles")
    String grant(@PathVariable String kind, @PathVariable String id, @RequestParam(defaultValue = "") String role,
                 Model model, RedirectAttributes next) {
        return change(kind, id, model, next, "administration.role.granted",
                () -> api.post("/api/identity/{kind}/{id}/roles", Map.of("role", role), kind, id));
    }

    @PostMapping("/{kind:users|clients}/{id}/roles/{role}/revocation")
    String revoke(@PathVariable String kind, @PathVariable String id, @PathVariable String role, Model model,
                  RedirectAttributes next) {
        return change(kind, id, model, next, "administration.role.revoked",
                () -> api.delete("/api/identity/{kind}/{id}/roles/{role}", kind, id, role));
    }

    @GetMapping("/{kind:users|clients}/{id}/deactivation")
    String confirmDeactivation(@PathVariable String kind, @PathVariable String id, Model model) {
        showHolder(kind, id, model);
        return "administration/deactivate";
    }

    @PostMapping("/{kind:users|clients}/{id}/deactivation")
    String deactivate(@PathVariable String kind, @PathVariable String id,
                      @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", blankToNull(reason));
        try {
            next.addFlashAttribute("written", api.post("/api/identity/{kind}/{id}/deactivation", request, kind, id)
                    .get("version"));
            next.addFlashAttribute("done", "administration." + kind + ".deactivated");
            return "redirect:/administration/" + kind + "/" + id;
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("reason", reason);
            showHolder(kind, id, model);
            return "administration/deactivate";
        }
    }

    private String change(String kind, String id, Model model, RedirectAttributes next, String done,
                          Supplier<Map<String, Object>> write) {
        try {
            next.addFlashAttribute("written", write.get().get("version"));
            next.addFlashAttribute("done", done);
            return "redirect:/administration/" + kind + "/" + id;
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            showHolder(kind, id, model);
            return "administration/holder";
        }
    }

    private void showOrganisations(int page, Model model) {
        model.addAttribute("organisations", api.get("/api/identity/organisations?page={page}&size={size}", page,
                PAGE_SIZE));
        model.addAttribute("page", page);
        model.addAttribute("pageSize", PAGE_SIZE);
    }

    private void showOrganisation(UUID organisationId, Model model) {
        model.addAttribute("organisation", api.get("/api/identity/organisations/{id}", organisationId));
        model.addAttribute("accounts", api.get("/api/identity/users?organisationId={id}&size=200", organisationId));
        model.addAttribute("clients", api.get("/api/identity/clients?organisationId={id}&size=200", organisationId));
        model.addAttribute("roleCodes", ROLES);
    }

    /** An account ({@code users}) or a client ({@code clients}), once its view shows the write just made. */
    private void showHolder(String kind, String id, Model model) {
        Object written = model.getAttribute("written");
        Map<String, Object> holder = written instanceof Number version
                ? api.readAfterWrite(version.longValue(), "/api/identity/{kind}/{id}", kind, id)
                : api.get("/api/identity/{kind}/{id}", kind, id);
        model.addAttribute("kind", kind);
        model.addAttribute("holder", holder);
        model.addAttribute("behind", written instanceof Number version && holder.get("version") instanceof Number
                seen && seen.longValue() < version.longValue());
        Object organisationId = holder.get("organisationId");
        model.addAttribute("organisation", organisationId == null ? Map.of()
                : api.get("/api/identity/organisations/{id}", organisationId));
        model.addAttribute("roleCodes", ROLES);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
