package org.nrmplatform.referralservice.transnational;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * This installation's identity among NRMs and the NRMs it exchanges transnational referrals with. The
 * defaults (an unnamed installation, no peers) let the service start; until peers are configured no
 * transnational referral can be sent or imported.
 *
 * @param installationId this NRM installation, as peers name it (e.g. {@code RS-NRM})
 * @param country        ISO 3166-1 alpha-2
 * @param peers          the other installations, each with the public key it signs packets with (its
 *                       {@code GET /api/transnational-referrals/keys}, configured by this installation's operator)
 * @param maxPacketAge   how old a packet may be when imported: older ones are refused as stale or replayed
 */
@Validated
@ConfigurationProperties("nrm.transnational")
public record TransnationalProperties(
        @DefaultValue("NRM") @NotBlank @Size(max = 64) String installationId,
        @DefaultValue("XX") @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
        @DefaultValue List<@Valid Peer> peers,
        @DefaultValue("72h") @NotNull @DurationMin(minutes = 5) Duration maxPacketAge) {

    /** @param publicKey base64 X.509 SubjectPublicKeyInfo of the peer's Ed25519 key */
    public record Peer(@NotBlank @Size(max = 64) String installationId,
                       @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
                       @NotBlank String publicKey, @NotBlank @Size(max = 64) String keyId) {
    }
}
