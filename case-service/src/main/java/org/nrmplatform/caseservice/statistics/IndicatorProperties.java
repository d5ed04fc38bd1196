package org.nrmplatform.caseservice.statistics;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The installation's choices for the NRM performance indicators.
 *
 * @param guardianTargetDays the days from screening within which a child should have a guardian appointed (the
 *                           indicator counts an appointment on or before screening day plus this); default 3
 * @param regions            the municipalities (as first-line units record them) of each region; without any, a
 *                           case's region is its municipality of screening. A municipality in no region counts
 *                           under "Unknown"
 */
@Validated
@ConfigurationProperties("nrm.statistics.indicators")
public record IndicatorProperties(@DefaultValue("3") @Min(0) @Max(365) int guardianTargetDays,
                                  @NotNull @DefaultValue Map<@NotBlank String, @NotEmpty List<@NotBlank String>> regions) {

    /** The region of a municipality of screening; empty when it is not recorded or in no configured region. */
    Optional<String> regionOf(String municipality) {
        if (municipality == null || municipality.isBlank()) {
            return Optional.empty();
        }
        if (regions.isEmpty()) {
            return Optional.of(municipality.strip());
        }
        String key = key(municipality);
        return regions.entrySet().stream()
                .filter(region -> region.getValue().stream().anyMatch(name -> key(name).equals(key)))
                .map(Map.Entry::getKey).findFirst();
    }

    @AssertTrue(message = "a municipality may be in one region only")
    boolean isEachMunicipalityInOneRegion() {
        Set<String> seen = new HashSet<>();
        return regions.values().stream().flatMap(List::stream).allMatch(name -> name == null || seen.add(key(name)));
    }

    private static String key(String municipality) {
        return municipality.strip().toLowerCase(Locale.ROOT);
    }
}
