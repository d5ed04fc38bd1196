package org.nrmplatform.caseservice.feedback;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.nrmplatform.caseservice.feedback.FeedbackController.FeedbackRequest;
import org.nrmplatform.shared.codelists.CodeLists;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's side of a feedback link, open without an account (the token is the only credential; the gateway
 * limits calls per address): the questionnaire, and the feedback given once. Nothing of the case is answered, not
 * even its id; an unknown, used, expired or revoked token is the same 404.
 */
@RestController
@RequestMapping(PublicFeedbackController.PATH)
class PublicFeedbackController {

    static final String PATH = "/api/feedback/{token}";
    /** Anyone, signed in or not: the token in the path is the credential (PublicFeedbackAccess opens the path). */
    static final String OPEN = "permitAll()";

    record Choice(String code, String label) {
    }

    /** {@code language}: the one the link was issued in (the page may be shown in another). */
    record Questionnaire(String language, List<Choice> questions, List<Choice> answers) {
    }

    private final FeedbackLinks links;
    private final CodeLists codeLists;

    PublicFeedbackController(FeedbackLinks links, CodeLists codeLists) {
        this.links = links;
        this.codeLists = codeLists;
    }

    @GetMapping
    @PreAuthorize(OPEN)
    @Operation(summary = "The questionnaire of a usable feedback link (no sign-in: the token is the credential)",
            description = "Labels in the language Accept-Language asks for; 404 for a link that cannot be used.")
    ResponseEntity<Questionnaire> questionnaire(@PathVariable String token,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        String language = links.check(token);
        LabelLanguage labels = LabelLanguage.negotiate(acceptLanguage);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).headers(labels.headers())
                .body(new Questionnaire(language, choices(Feedback.QUESTIONS, labels), choices(Feedback.ANSWERS, labels)));
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(OPEN)
    @Operation(summary = "Give the feedback, once (no sign-in: the token is the credential)",
            description = "204 once stored; 404 for a link that cannot be used (whatever the body), 400 or 422 for "
                    + "answers not in the questionnaire.")
    ResponseEntity<Void> give(@PathVariable String token, @Valid @RequestBody FeedbackRequest request) {
        links.give(token, FeedbackController.answers(request.answers()), request.comment(),
                Languages.checked(request.language()));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(FeedbackLinkUnusable.class)
    ProblemDetail unusable(FeedbackLinkUnusable refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, refused.getMessage());
        problem.setTitle("Feedback link cannot be used");
        return problem;
    }

    private List<Choice> choices(String list, LabelLanguage language) {
        return codeLists.find(list, language).orElseThrow().values().stream()
                .map(value -> new Choice(value.code(), value.label())).toList();
    }
}
