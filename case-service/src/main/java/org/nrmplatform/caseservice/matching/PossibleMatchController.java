package org.nrmplatform.caseservice.matching;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrmplatform.caseservice.cases.CaseCommands.DismissPossibleMatch;
import org.nrmplatform.caseservice.cases.CaseCommands.LinkSamePerson;
import org.nrmplatform.caseservice.cases.CaseCommands.RecordMatchDecision;
import org.nrmplatform.caseservice.cases.CaseStatus;
import org.nrmplatform.caseservice.cases.IfMatch;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The possible matches of a case's person in other cases, and the decision on each: the same person (linked)
 * or another (dismissed). For the identification authority and the case manager of the case
 * (docs/need-to-know.md); a case they do not decide on is not found. A decision is recorded on this case, then
 * on the other one; a retried request records the other side if it is missing.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/possible-matches")
class PossibleMatchController {

    static final String DECIDERS = "hasAnyRole('IDENTIFICATION_AUTHORITY', 'CASE_MANAGER')";

    /** The candidates, the highest score first. */
    record PossibleMatchList(UUID caseId, List<PossibleMatches.Candidate> candidates) {
    }

    private final PossibleMatches matches;
    private final CommandGateway commands;

    PossibleMatchController(PossibleMatches matches, CommandGateway commands) {
        this.matches = matches;
        this.commands = commands;
    }

    @GetMapping
    @PreAuthorize(DECIDERS)
    PossibleMatchList list(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt token) {
        return new PossibleMatchList(caseId, candidates(caseId, Actor.from(token)));
    }

    @PostMapping("/{otherCaseId}/link")
    @PreAuthorize(DECIDERS)
    ResponseEntity<CaseStatus> link(@PathVariable UUID caseId, @PathVariable UUID otherCaseId,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @AuthenticationPrincipal Jwt token) {
        requireCandidate(caseId, otherCaseId, Actor.from(token));
        CaseStatus status = commands.sendAndWait(new LinkSamePerson(caseId, otherCaseId,
                IfMatch.version(ifMatch)));
        commands.sendAndWait(new RecordMatchDecision(otherCaseId, caseId, true));
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + status.version() + "\"").body(status);
    }

    @PostMapping("/{otherCaseId}/dismiss")
    @PreAuthorize(DECIDERS)
    ResponseEntity<CaseStatus> dismiss(@PathVariable UUID caseId, @PathVariable UUID otherCaseId,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @AuthenticationPrincipal Jwt token) {
        requireCandidate(caseId, otherCaseId, Actor.from(token));
        CaseStatus status = commands.sendAndWait(new DismissPossibleMatch(caseId, otherCaseId,
                IfMatch.version(ifMatch)));
        commands.sendAndWait(new RecordMatchDecision(otherCaseId, caseId, false));
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + status.version() + "\"").body(status);
    }

    private List<PossibleMatches.Candidate> candidates(UUID caseId, Actor actor) {
        return matches.of(caseId, actor).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No case " + caseId + " whose possible matches you decide on (or its person is not indexed yet: "
                        + "retry in a moment)"));
    }

    /** Only a possible match is decided on: a case id tried at random tells nothing. */
    private void requireCandidate(UUID caseId, UUID otherCaseId, Actor actor) {
        if (candidates(caseId, actor).stream().noneMatch(c -> c.caseId().equals(otherCaseId.toString()))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Case " + otherCaseId
                    + " is not a possible match of case " + caseId);
        }
    }
}
