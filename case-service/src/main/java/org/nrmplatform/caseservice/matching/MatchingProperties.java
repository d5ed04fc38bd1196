package org.nrmplatform.caseservice.matching;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The blind index of persons.
 *
 * @param key           base64 of 32 random bytes: the HMAC-SHA-256 key of the installation's blind index. Required;
 *                      kept like the master key (infra/nrm generates it into its data directory on first start and
 *                      backs it up with {@code backup --keys}), never in the store: with it, anyone holding the
 *                      index could test guessed names against it. Changing it makes the index unmatchable until
 *                      the projection is rebuilt.
 * @param threshold     the score from which another case is a possible match (README, "The same person across
 *                      agencies", says how cases are scored)
 * @param maxCandidates at most this many possible matches are shown, the highest scores first
 */
@Validated
@ConfigurationProperties("nrm.matching")
public record MatchingProperties(
        @NotBlank(message = "is required: base64 of 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`); "
                + "it keys the blind index of persons") String key,
        @DefaultValue("8.0") @Positive double threshold,
        @DefaultValue("20") @Positive int maxCandidates) {

    static final int KEY_BYTES = 32;

    @AssertTrue(message = "nrm.matching.key must be base64 of exactly 32 bytes")
    public boolean isKeyValid() {
        if (key == null || key.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "MatchingProperties[key=(hidden), threshold=" + threshold + ", maxCandidates=" + maxCandidates + "]";
    }
}
