package org.nrmplatform.caseservice.feedback;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.caseservice.feedback.FeedbackLinks.Issued;
import org.nrmplatform.caseservice.feedback.FeedbackList.FeedbackView;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The person's feedback on a case, for its case managers only (docs/need-to-know.md): they record what the person
 * said, issue a one-time link for the person (its token answered once, here), take a link back, and read the
 * feedback given. Reads are logged in the case's read log.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/feedback")
class FeedbackController {

    static final String CASE_MANAGER = "hasRole('CASE_MANAGER')";

    /** {@code answers}: question code ({@code feedback-question}) to answer code ({@code feedback-answer}). */
    record FeedbackRequest(@Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotBlank @Size(max = 64) String> answers,
                           @Size(max = Feedback.MAX_COMMENT) String comment, @Size(max = 16) String language) {
    }

    record LinkRequest(@Size(max = 16) String language) {
    }

    /** {@code path}: the web application's page the person opens, under the platform's address. */
    record LinkIssued(UUID feedbackId, UUID caseId, String token, String path, java.time.Instant expiresAt,
                      String language) {
    }

    record Recorded(UUID feedbackId, UUID caseId) {
    }

    private final FeedbackLinks links;
    private final FeedbackList feedback;
    private final CaseEvidence cases;
    private final PersonalDataReads reads;

    FeedbackController(FeedbackLinks links, FeedbackList feedback, CaseEvidence cases, PersonalDataReads reads) {
        this.links = links;
        this.feedback = feedback;
        this.cases = cases;
        this.reads = reads;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(CASE_MANAGER)
    @Operation(summary = "Record the person's feedback on the assistance received (the case's case managers)")
    ResponseEntity<Recorded> record(@PathVariable UUID caseId, @Valid @RequestBody FeedbackRequest request) {
        UUID feedbackId = links.record(caseId, answers(request.answers()), request.comment(),
                Languages.checked(request.language()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/feedback"))
                .body(new Recorded(feedbackId, caseId));
    }

    @PostMapping(path = "/links", consumes = "application/json")
    @PreAuthorize(CASE_MANAGER)
    @Operation(summary = "Issue a one-time feedback link for the person (the case's case managers)",
            description = "The token is in this answer only: the platform keeps its hash. The person opens the "
                    + "page at 'path' without signing in, once, before 'expiresAt' (nrm.feedback.link-validity).")
    ResponseEntity<LinkIssued> issue(@PathVariable UUID caseId, @Valid @RequestBody LinkRequest request) {
        Issued issued = links.issue(caseId, Languages.checked(request.language()));
        String path = "/web/feedback/" + issued.token()
                + (issued.language() == null ? "" : "?lang=" + issued.language());
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(new LinkIssued(issued.feedbackId(), caseId, issued.token(), path, issued.expiresAt(),
                        issued.language()));
    }

    @PostMapping("/links/{feedbackId}/revocation")
    @PreAuthorize(CASE_MANAGER)
    @Operation(summary = "Take back a feedback link not yet used (the case's case managers)")
    ResponseEntity<Void> revoke(@PathVariable UUID caseId, @PathVariable UUID feedbackId) {
        links.revoke(caseId, feedbackId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @PreAuthorize(CASE_MANAGER)
    @Operation(summary = "The case's feedback requests and the feedback given, latest first (its case managers; "
            + "else 404)")
    List<FeedbackView> list(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        Optional<CaseAccess> access = cases.accessTo(caseId);
        if (!FeedbackList.reads(actor, access)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        List<FeedbackView> answer = feedback.ofCase(caseId, actor, access);
        if (!answer.isEmpty()) {
            reads.record(caseId, "feedback", actor);
        }
        return answer;
    }

    static Map<String, String> answers(Map<String, String> answers) {
        return answers == null ? Map.of() : Map.copyOf(answers);
    }
}
