package org.nrmplatform.caseservice.audit;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.caseservice.audit.CaseEvidence.RecordedLegalBasis;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.VerificationReport;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tamper-evidence of the records over HTTP: the platform's checkpoint key, the verification of a case
 * (from the store) or of an export (uploaded), and the court export of a case for a prosecutor with a
 * recorded legal basis (docs/evidence.md).
 */
@RestController
class AuditController {

    /** What was verified ({@code case} from the store, or an {@code export}) and what was found. */
    record Verification(String verified, String caseId, VerificationReport report, List<String> summaryMismatches) {
    }

    record PublicKey(String keyId, String algorithm, String publicKey) {
    }

    private static final URI LEGAL_BASIS_REQUIRED = URI.create("urn:nrm:problem:legal-basis-required");

    private final CaseEvidence evidence;
    private final CourtExportPdf pdf;
    private final PersonalDataReads reads;
    private final JsonMapper json;

    AuditController(CaseEvidence evidence, CourtExportPdf pdf, PersonalDataReads reads, JsonMapper json) {
        this.evidence = evidence;
        this.pdf = pdf;
        this.reads = reads;
        this.json = json;
    }

    @GetMapping("/api/audit/public-key")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<?> publicKey(@RequestParam(defaultValue = "json") String format) {
        SigningKey key = evidence.signingKey().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "This installation has no checkpoint key configured (nrm.evidence.checkpoints.signing-key-file)"));
        return switch (format) {
            case "json" -> ResponseEntity.ok(new PublicKey(key.keyId(), "Ed25519", key.publicKeyPem()));
            case "pem" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                    .body(key.publicKeyPem());
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "format must be json or pem, not " + format);
        };
    }

    /**
     * Verifies a case from the store ({@code {"caseId": ...}}) or an uploaded export (the export document
     * itself), against the platform's own key.
     */
    @PostMapping(path = "/api/audit/verification", consumes = "application/json")
    @PreAuthorize("hasAnyRole('PROSECUTOR', 'OPERATOR', 'FIRST_LINE', 'IDENTIFICATION_AUTHORITY', 'CASE_MANAGER')")
    Verification verify(@RequestBody byte[] body, @AuthenticationPrincipal Jwt token) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body is not complete JSON (malformed or "
                    + "truncated): " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send {\"caseId\": \"...\"} to verify a case, or an export to verify the export");
        }
        if (request.has("format")) {
            return verifyExport(body);
        }
        JsonNode caseId = request.get("caseId");
        if (caseId == null || !caseId.isString()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send {\"caseId\": \"...\"} to verify a case, or an export (with its \"format\") to verify it");
        }
        UUID id;
        try {
            id = UUID.fromString(caseId.asString());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "caseId is not a UUID: " + caseId.asString());
        }
        if (!evidence.mayVerify(id, Actor.from(token))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + id);
        }
        return new Verification("case", id.toString(), evidence.verify(id), List.of());
    }

    private Verification verifyExport(byte[] body) {
        AuditExport export;
        try {
            export = AuditExport.read(body);
        } catch (AuditExport.Unreadable e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        VerificationReport report = ChainVerification.verify(export.streamEvidence(), export.checkpoint(),
                evidence.signingKey().map(SigningKey::publicKey).orElse(null));
        return new Verification("export", export.caseId(), report, export.summaryMismatches());
    }

    /**
     * The court export of a case, as JSON or as a PDF timeline, for a prosecutor whose office recorded a legal
     * basis for it ({@code POST /api/cases/{caseId}/legal-basis}); the latest one, or {@code legalBasisId}.
     */
    @GetMapping("/api/cases/{caseId}/audit-export")
    @PreAuthorize("hasRole('PROSECUTOR')")
    ResponseEntity<byte[]> export(@PathVariable UUID caseId, @RequestParam(defaultValue = "json") String format,
                                  @RequestParam(required = false) UUID legalBasisId,
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
        headers.setContentType(MediaType.APPLICATION_PDF);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename("case-" + caseId + "-export.pdf").build());
        return new ResponseEntity<>(pdf.render(export, json, digest), headers, HttpStatus.OK);
    }
}
