package org.nrmplatform.referralservice.standards;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The licence alert for operators: {@code nrm.provider.licences.expiring} (licences that expire within the alert
 * lead time, not yet expired) and {@code nrm.provider.licences.expired}, counted from the standings at most every
 * {@value #REFRESH_SECONDS} seconds (the same on every instance: aggregate with {@code max}).
 */
@Component
class LicenceMetrics {

    private static final long REFRESH_SECONDS = 15;

    private record Counts(long expiring, long expired) {
    }

    private final ProviderStandings standings;
    private final Clock clock;
    private volatile Counts counts = new Counts(0, 0);
    private volatile Instant countedAt = Instant.MIN;

    LicenceMetrics(ProviderStandings standings, MeterRegistry meters, Clock clock) {
        this.standings = standings;
        this.clock = clock;
        Gauge.builder("nrm.provider.licences.expiring", () -> counts().expiring())
                .description("providers' licences that expire within the alert lead time").register(meters);
        Gauge.builder("nrm.provider.licences.expired", () -> counts().expired())
                .description("providers' licences past their expiry").register(meters);
    }

    private Counts counts() {
        Instant now = clock.instant();
        if (countedAt.plusSeconds(REFRESH_SECONDS).isBefore(now)) {
            var items = standings.handle(new ProviderStandings.ExpiringLicences()).items();
            long expired = items.stream().filter(ProviderStandings.ExpiringLicence::expired).count();
            counts = new Counts(items.size() - expired, expired);
            countedAt = now;
        }
        return counts;
    }
}
