package org.nrmplatform.shared.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tamper-evidence of the event store (docs/evidence.md).
 *
 * @param hashChain           whether appends chain every event to its predecessor by hash (on by default; off
 *                            only to measure what it costs: events stored without are reported as not chained)
 * @param streamHeadCacheSize how many aggregates' last hashes an instance keeps, so that an append needs no
 *                            read of its predecessor
 * @param checkpoints         signed checkpoints over the heads of all streams
 */
@Validated
@ConfigurationProperties("nrm.evidence")
public record EvidenceProperties(
        @DefaultValue("true") boolean hashChain,
        @DefaultValue("10000") @Min(0) int streamHeadCacheSize,
        @DefaultValue @NotNull @Valid Checkpoints checkpoints) {

    /**
     * @param enabled            whether this service writes checkpoints (case-service does; one writer is enough,
     *                           several are harmless: a checkpoint number is taken once)
     * @param interval           how often
     * @param settle             how old the newest event a checkpoint covers must be: an append that took a
     *                           lower number may still be in flight until then (as long as the store's gap
     *                           timeout, 60 s: MongoDB's transaction lifetime)
     * @param signingKeyFile     the PEM file with the Ed25519 signing key (private and public key); outside the
     *                           event store on purpose
     * @param createKeyIfMissing create that file with a new key on first start (a development convenience:
     *                           production installs its own key and turns this off)
     */
    public record Checkpoints(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration interval,
            @DefaultValue("60s") @NotNull Duration settle,
            String signingKeyFile,
            @DefaultValue("true") boolean createKeyIfMissing) {
    }
}
