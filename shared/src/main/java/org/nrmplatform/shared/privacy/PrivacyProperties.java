package org.nrmplatform.shared.privacy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data subjects' keys are kept and the master key that wraps them.
 *
 * @param masterKey   base64 of 32 random bytes (AES-256): wraps every data subject's key. Required; the
 *                    launcher (infra/nrm) generates one into its data directory on first start. Losing it
 *                    makes all personal data unreadable; changing it makes the stored keys unreadable.
 * @param keyDatabase the database of the subject key store, apart from events and projections so that it can
 *                    be kept, backed up and purged on its own terms
 */
@Validated
@ConfigurationProperties("nrm.privacy")
public record PrivacyProperties(
        @NotBlank(message = "is required: base64 of 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`); "
                + "it wraps the keys that encrypt personal data") String masterKey,
        @DefaultValue("nrm_subject_keys") @NotBlank String keyDatabase) {

    /** Checked here so that a wrong key stops the service at start with the property's name. */
    @AssertTrue(message = "nrm.privacy.master-key must be base64 of exactly 32 bytes (AES-256)")
    public boolean isMasterKeyValid() {
        if (masterKey == null || masterKey.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            return Base64.getDecoder().decode(masterKey.trim()).length == Aead.KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "PrivacyProperties[masterKey=(hidden), keyDatabase=" + keyDatabase + "]";
    }
}
