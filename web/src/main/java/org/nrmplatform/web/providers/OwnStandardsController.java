package org.nrmplatform.web.providers;

import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.Submission;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
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
 * A service provider's own standing, beside its referrals: its compliance, the monitoring visits' findings and its
 * corrective actions, which it records done here. The organisation is the one in the person's token, so a provider
 * reaches no other's.
 */
@Controller
@RequestMapping("/inbox/standards")
class OwnStandardsController {

    private final PlatformApi api;
    private final ProviderPage page;

    OwnStandardsController(PlatformApi api, ProviderPage page) {
        this.api = api;
        this.page = page;
    }

    @GetMapping
    String standing(@AuthenticationPrincipal OAuth2User person, Model model) {
        page.show(organisation(person), model);
        model.addAttribute("own", true);
        return "providers/provider";
    }

    @PostMapping("/corrective-actions/{actionId}/done")
    String done(@AuthenticationPrincipal OAuth2User person, @PathVariable UUID actionId,
                @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes next) {
        return api.submit("/api/providers/{id}/corrective-actions/{actionId}/completion",
                        Submission.typedFields(form, "note"), organisation(person), actionId)
                .then("providers.action.done", stored -> "redirect:/inbox/standards")
                .answer(model, next, () -> standing(person, model));
    }

    private static UUID organisation(OAuth2User person) {
        return UUID.fromString(String.valueOf(person.<Object>getAttribute("org")));
    }
}
