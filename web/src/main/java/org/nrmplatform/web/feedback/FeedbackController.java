package org.nrmplatform.web.feedback;

import static org.nrmplatform.web.platform.Submission.typed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.CodeLists;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The case manager's page of a case's feedback: what the person said (answers and comment), the links issued and
 * how each stands, the form that records feedback the person gives in a conversation, and the one that issues a
 * link in the person's language. A new link is shown on the answer to that form only: it is not kept anywhere the
 * page could show it again.
 */
@Controller
@RequestMapping("/cases/{caseId}/feedback")
class FeedbackController {

    /** The languages a link can open in, each named in itself (as the pages' language switch names them). */
    static final Map<String, String> LANGUAGES = languages();

    private final PlatformApi api;
    private final CodeLists codeLists;

    FeedbackController(PlatformApi api, CodeLists codeLists) {
        this.api = api;
        this.codeLists = codeLists;
    }

    @GetMapping
    String feedback(@PathVariable UUID caseId, Model model) {
        show(caseId, model);
        return "feedback/feedback";
    }

    @PostMapping
    String record(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> form, Model model,
                  RedirectAttributes next) {
        return api.submit("/api/cases/{id}/feedback", request(form, codeLists), caseId)
                .keeping("feedbackForm", form)
                .then("feedback.recorded", stored -> "redirect:/cases/" + caseId + "/feedback")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "feedback/feedback";
                });
    }

    @PostMapping("/links")
    String issue(@PathVariable UUID caseId, @RequestParam(name = "language", required = false) String language,
                 Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", typed(language));
        try {
            Map<String, Object> issued = api.post("/api/cases/{id}/feedback/links", body, caseId);
            model.addAttribute("issuedLink", ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null)
                    .replaceQuery(null).build().toUriString() + issued.get("path"));
            model.addAttribute("issuedExpiresAt", issued.get("expiresAt"));
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
        }
        show(caseId, model);
        return "feedback/feedback";
    }

    @PostMapping("/links/{feedbackId}/revocation")
    String revoke(@PathVariable UUID caseId, @PathVariable UUID feedbackId, Model model, RedirectAttributes next) {
        return api.submit("/api/cases/{id}/feedback/links/{f}/revocation", Map.of(), caseId, feedbackId)
                .then("feedback.revoked", stored -> "redirect:/cases/" + caseId + "/feedback")
                .answer(model, next, () -> {
                    show(caseId, model);
                    return "feedback/feedback";
                });
    }

    private void show(UUID caseId, Model model) {
        model.addAttribute("caseId", caseId.toString());
        model.addAttribute("requests", api.list("/api/cases/{id}/feedback", caseId));
        model.addAttribute("languages", LANGUAGES);
    }

    private static Map<String, String> languages() {
        Map<String, String> languages = new LinkedHashMap<>();
        languages.put("sq", "Shqip");
        languages.put("mk", "Македонски");
        languages.put("sr-Latn", "Srpski (latinica)");
        languages.put("sr-Cyrl", "Српски (ћирилица)");
        languages.put("bs", "Bosanski");
        languages.put("hr", "Hrvatski");
        languages.put("cnr", "Crnogorski");
        languages.put("en", "English");
        return languages;
    }

    /** The API's request from the form: one radio group per question, those left unanswered not sent. */
    static Map<String, Object> request(MultiValueMap<String, String> form, CodeLists codeLists) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String question : codeLists.values("feedback-question").keySet()) {
            String answer = typed(form.getFirst("answer-" + question));
            if (answer != null) {
                answers.put(question, answer);
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("answers", answers);
        request.put("comment", typed(form.getFirst("comment")));
        request.put("language", typed(form.getFirst("language")));
        return request;
    }
}
