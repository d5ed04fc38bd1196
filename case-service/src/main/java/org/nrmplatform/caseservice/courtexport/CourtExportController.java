package org.nrmplatform.caseservice.courtexport;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.caseservice.audit.CaseEvidence;
import org.nrmplatform.caseservice.audit.CaseEvidence.RecordedLegalBasis;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.nrmplatform.shared.privacy.PersonalDataReads;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The court export of a case over HTTP (docs/evidence.md): the case's verified events across services, as
 * JSON or as a PDF timeline, for a prosecutor whose office recorded a legal basis ({@link LegalBasisController}).
 */
@RestController
class CourtExportController {

    private static final URI LEGAL_BASIS_REQUIRED = URI.create("urn:nrm:problem:legal-basis-required");

    private final CaseEvidence evidence;
    private final CourtExportPdf pdf;
    private final PersonalDataReads reads;

    CourtExportController(CaseEvidence evidence, CourtExportPdf pdf, PersonalDataReads reads) {
        this.evidence = evidence;
        this.pdf = pdf;
        this.reads = reads;
    }

    /**
     * The court export of a case, as JSON or as a PDF timeline, for a prosecutor whose office recorded a legal
     * basis for it ({@code POST /api/cases/{caseId}/legal-basis}); the latest one, or {@code legalBasisId}. The
     * PDF's headings and labels are in the language {@code Accept-Language} asks for (see LabelLanguage).
     */
    @GetMapping("/api/cases/{caseId}/audit-export")
    @PreAuthorize("hasRole('PROSECUTOR')")
    ResponseEntity<byte[]> export(@PathVariable UUID caseId, @RequestParam(defaultValue = "json") String format,
                                  @RequestParam(required = false) UUID legalBasisId,
                                  @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                  String acceptLanguage,
                                  @AuthenticationPrincipal Jwt token) {
        if (!format.equals("json") && !format.equals("pdf")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be json or pdf, not " + format);
        }
        if (!evidence.exists(caseId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        Actor actor = Actor.from(token);
        List<RecordedLegalBasis> bases = evidence.legalBasesOf(caseId, actor);
        RecordedLegalBasis basis = legalBasisId == null
                ? (bases.isEmpty() ? null : bases.get(bases.size() - 1))
                : bases.stream().filter(recorded -> recorded.legalBasisId().equals(legalBasisId)).findFirst()
                .orElse(null);
        if (basis == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, legalBasisId == null
                    ? "Your organisation has recorded no legal basis for case " + caseId + ": record one with "
                    + "POST /api/cases/" + caseId + "/legal-basis (the proceedings and who asked) first"
                    : "Your organisation recorded no legal basis " + legalBasisId + " for case " + caseId);
            problem.setTitle("Legal basis required");
            problem.setType(LEGAL_BASIS_REQUIRED);
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
        }
        // the export carries the case's personal data (sealed): the disclosure is in the case's read log first
        reads.record(caseId, "audit-export-" + format, actor);
        AuditExport export = evidence.export(caseId, actor, basis);
        byte[] json = export.json();
        String digest = EventHash.sha256(json);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Export-SHA256", digest);
        if (format.equals("json")) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            headers.setContentDisposition(ContentDisposition.attachment()
                    .filename("case-" + caseId + "-export.json").build());
            return new ResponseEntity<>(json, headers, HttpStatus.OK);
        }
        // the PDF's words in the reader's language; the JSON export, which the PDF carries, is the same in all
        LabelLanguage language = LabelLanguage.negotiate(acceptLanguage);
        headers.addAll(language.headers());
        headers.setContentType(MediaType.APPLICATION_PDF);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename("case-" + caseId + "-export.pdf").build());
        return new ResponseEntity<>(pdf.render(export, json, digest, language), headers, HttpStatus.OK);
    }
}
