package org.nrmplatform.identityservice.keys;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The token-signing keys: listed without their private parts, rotated, and retired when compromised. */
@RestController
@RequestMapping("/api/identity/signing-keys")
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMINISTRATOR', 'OPERATOR')")
    List<SigningKeys.KeySummary> list() {
        return keys.list();
    }

    @PostMapping("/rotation")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    @ResponseStatus(HttpStatus.CREATED)
    SigningKeys.KeySummary rotate() {
        return keys.rotate();
    }

    @PostMapping("/{kid}/retirement")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    SigningKeys.KeySummary retire(@PathVariable String kid) {
        return keys.retire(kid);
    }
}
