package org.nrmplatform.web.feedback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.nrmplatform.web.platform.CodeLists;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person's page, reached by the link the case manager gave them, without signing in: the questionnaire in the
 * page's language (the link opens in the language chosen for them; the switch offers the eight), a comment, and a
 * thank-you once given. Nothing of the case is shown or asked for: the API answers none. A link that cannot be used
 * (unknown, used, expired, taken back) is one page saying so, whichever it is.
 */
@Controller
@RequestMapping("/feedback/{token}")
class PublicFeedbackController {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final PlatformApi api;
    private final CodeLists codeLists;

    PublicFeedbackController(PlatformApi api, CodeLists codeLists) {
        this.api = api;
        this.codeLists = codeLists;
    }

    @GetMapping
    String questionnaire(@PathVariable String token, Model model, HttpServletRequest request,
                         HttpServletResponse response) {
        if (!TOKEN.matcher(token).matches()) {
            return unusable(response);
        }
        try {
            api.getWithoutToken("/api/feedback/{token}", token);
        } catch (RefusedAction refused) {
            if (refused.status() == 404) {
                return unusable(response);
            }
            throw refused;
        }
        // the one form shown to someone not signed in: its CSRF token needs a session to be kept in, which
        // SessionCsrfTokens never starts by itself (a page of this site opened, not a form posted from elsewhere)
        request.getSession(true);
        model.addAttribute("token", token);
        return "feedback/questionnaire";
    }

    @PostMapping
    String give(@PathVariable String token, @RequestParam MultiValueMap<String, String> form, Model model,
                HttpServletResponse response) {
        if (!TOKEN.matcher(token).matches()) {
            return unusable(response);
        }
        Map<String, Object> request = FeedbackController.request(form, codeLists);
        request.put("language", LocaleContextHolder.getLocale().toLanguageTag());
        try {
            api.postWithoutToken("/api/feedback/{token}", request, token);
        } catch (RefusedAction refused) {
            if (refused.status() == 404) {
                return unusable(response);
            }
            if (refused.status() != 400 && refused.status() != 422) {
                throw refused;
            }
            model.addAttribute("refused", refused);
            model.addAttribute("feedbackForm", form);
            model.addAttribute("token", token);
            return "feedback/questionnaire";
        }
        return "feedback/thanks";
    }

    private static String unusable(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "feedback/unusable";
    }
}
