package org.nrmplatform.caseservice.audit;

import java.net.URI;
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
    private final StoreVerifications storeVerifications;
    private final JsonMapper json;

    AuditController(CaseEvidence evidence, StoreVerifications storeVerifications, JsonMapper json) {
        this.evidence = evidence;
        this.storeVerifications = storeVerifications;
        this.json = json;
    }

    /**
     * Starts a verification of every stream in the store and answers at once (202, its address in
     * {@code Location}); an operator's, since it names streams of every case (ids and sequence numbers, no
     * content).
     */
    @PostMapping("/api/audit/store-verifications")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<StoreVerifications.Progress> verifyStore(@AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        StoreVerifications.Progress started = storeVerifications.start(
                actor.userId() != null ? actor.userId() : actor.clientId());
        return ResponseEntity.accepted().location(URI.create("/api/audit/store-verifications/" + started.id()))
                .body(started);
    }

    @GetMapping("/api/audit/store-verifications/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    StoreVerifications.Progress storeVerification(@PathVariable UUID id) {
        return storeVerifications.progress(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No verification of the whole store " + id + " (results are kept in memory: the service may have "
                        + "restarted since; start another)"));
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
