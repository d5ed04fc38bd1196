package org.nrmplatform.web.providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.PlatformApi.Download;
import org.nrmplatform.web.platform.Submission;
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
 * Service providers' standards and capacity for the NRM's coordinators: the providers with their compliance and the
 * licences expiring; a provider's page with its services and capacity, licences, monitoring visits with their
 * findings, corrective actions and funding, and the forms that record them (the administrator's: services,
 * licences, funding; the monitor's: visits, corrective actions and their follow-up; the API refuses the other's);
 * the resource report per region and service type, and its CSV.
 */
@Controller
@RequestMapping("/providers")
class ProvidersController {

    private final PlatformApi api;
    private final ProviderPage page;

    ProvidersController(PlatformApi api, ProviderPage page) {
        this.api = api;
        this.page = page;
    }

    @GetMapping
    String providers(Model model) {
        List<Map<String, Object>> providers = api.list("/api/providers");
        Map<String, String> names = new LinkedHashMap<>();
        providers.forEach(p -> names.put(String.valueOf(p.get("id")), String.valueOf(p.get("name"))));
        model.addAttribute("providers", providers);
        model.addAttribute("expiring", api.items("/api/providers/licences/expiring"));
        model.addAttribute("names", names);
        return "providers/providers";
    }

    @GetMapping("/{organisationId}")
    String provider(@PathVariable UUID organisationId, Model model) {
        page.show(organisationId, model);
        return "providers/provider";
    }

    @PostMapping("/{organisationId}/services")
    String service(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form, Model model,
                   RedirectAttributes next) {
        return write(organisationId, "services", Submission.typedFields(form, "serviceType", "region", "places",
                "staff"), "serviceForm", form, "providers.service.recorded", model, next);
    }

    @PostMapping("/{organisationId}/licences")
    String licence(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form, Model model,
                   RedirectAttributes next) {
        return write(organisationId, "licences", Submission.typedFields(form, "kind", "reference", "issuedBy",
                "expiresOn"), "licenceForm", form, "providers.licence.recorded", model, next);
    }

    @PostMapping("/{organisationId}/funding")
    String funding(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form, Model model,
                   RedirectAttributes next) {
        return write(organisationId, "funding", Submission.typedFields(form, "amount", "currency", "periodFrom",
                "periodTo", "funder"), "fundingForm", form, "providers.funding.recorded", model, next);
    }

    /** A finding for each item given a rating ({@code rating.<item>}), with its note ({@code note.<item>}). */
    @PostMapping("/{organisationId}/visits")
    String visit(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form, Model model,
                 RedirectAttributes next) {
        Map<String, Object> request = Submission.typedFields(form, "visitedOn", "standardsVersion");
        List<Map<String, Object>> findings = new ArrayList<>();
        form.forEach((name, values) -> {
            String rating = Submission.typed(values.get(0));
            if (name.startsWith("rating.") && rating != null) {
                String item = name.substring("rating.".length());
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("item", item);
                finding.put("rating", rating);
                finding.put("note", Submission.typed(form.getFirst("note." + item)));
                findings.add(finding);
            }
        });
        request.put("findings", findings);
        return write(organisationId, "monitoring-visits", request, "visitForm", form, "providers.visit.recorded",
                model, next);
    }

    @PostMapping("/{organisationId}/corrective-actions")
    String correctiveAction(@PathVariable UUID organisationId, @RequestParam MultiValueMap<String, String> form,
                            Model model, RedirectAttributes next) {
        return write(organisationId, "corrective-actions", Submission.typedFields(form, "visitId", "item",
                "description", "dueOn"), "actionForm", form, "providers.action.raised", model, next);
    }

    @PostMapping("/{organisationId}/corrective-actions/{actionId}/done")
    String actionDone(@PathVariable UUID organisationId, @PathVariable UUID actionId,
                      @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/providers/{id}/corrective-actions/{actionId}/completion",
                        Submission.typedFields(form, "note"), organisationId, actionId)
                .then("providers.action.done", stored -> "redirect:/providers/" + organisationId)
                .answer(model, next, () -> provider(organisationId, model));
    }

    @GetMapping("/resources")
    String resources(Model model) {
        model.addAttribute("report", api.get("/api/providers/resource-report"));
        return "providers/resources";
    }

    @GetMapping("/resources.csv")
    ResponseEntity<byte[]> resourcesCsv(@RequestParam(defaultValue = "capacity") String table) {
        Download download = api.download("/api/providers/resource-report?format=csv&table={table}", table);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("resource-report-" + ("funding".equals(table) ? "funding" : "capacity") + ".csv")
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(download.body());
    }

    private String write(UUID organisationId, String what, Map<String, Object> request, String formName,
                         MultiValueMap<String, String> form, String done, Model model, RedirectAttributes next) {
        return api.submit("/api/providers/{id}/" + what, request, organisationId)
                .keeping(formName, form.toSingleValueMap())
                .then(done, stored -> "redirect:/providers/" + organisationId)
                .answer(model, next, () -> provider(organisationId, model));
    }
}
