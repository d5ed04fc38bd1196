package org.nrmplatform.web.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What a provider's page shows, for the coordinators' pages and for the provider's own. */
@Component
class ProviderPage {

    static final List<String> RATINGS = List.of("MET", "PARTLY_MET", "NOT_MET");

    private final PlatformApi api;

    ProviderPage(PlatformApi api) {
        this.api = api;
    }

    /** A provider's page: its directory entry, its standing and the latest checklist (for the monitor's form). */
    void show(UUID organisationId, Model model) {
        Map<String, Object> provider = api.list("/api/providers").stream()
                .filter(p -> organisationId.toString().equals(p.get("id"))).findFirst()
                .orElseGet(() -> Map.of("id", organisationId.toString(), "name", organisationId.toString(),
                        "servicesOffered", List.of()));
        model.addAttribute("provider", provider);
        model.addAttribute("standing", api.get("/api/providers/{id}/standing", organisationId));
        List<Map<String, Object>> versions = api.list("/api/providers/standards");
        Map<String, Object> checklist = versions.isEmpty() ? Map.of("items", List.of())
                : versions.get(versions.size() - 1);
        Map<String, Object> itemLabels = new LinkedHashMap<>();
        versions.forEach(version -> ((List<?>) version.get("items")).forEach(item -> {
            Map<?, ?> entry = (Map<?, ?>) item;
            itemLabels.put(String.valueOf(entry.get("code")), entry.get("label"));
        }));
        model.addAttribute("checklist", checklist);
        model.addAttribute("itemLabels", itemLabels);
        model.addAttribute("ratings", RATINGS);
    }
}
