package org.nrmplatform.caseservice.audit;

import java.util.List;
import java.util.UUID;
import org.nrmplatform.evidence.AuditExport;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tamper-evidence of the records over HTTP: the platform's checkpoint key and the verification of a case
 * (from the store) or of an export (uploaded) (docs/evidence.md). The court export itself: courtexport.
 */
@RestController
class AuditController {

    /** What was verified ({@code case} from the store, or an {@code export}) and what was found. */
    record Verification(String verified, String caseId, VerificationReport report, List<String> summaryMismatches) {
    }

    record PublicKey(String keyId, String algorithm, String publicKey) {
    }

    private final CaseEvidence evidence;
    private final JsonMapper json;

    AuditController(CaseEvidence evidence, JsonMapper json) {
        this.evidence = evidence;
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
}
