package org.nrmplatform.caseservice.statistics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param suppressionThreshold counts below it are not published (default 10: CTDC's public data cannot be
 *                             queried for fewer than 10 cases); at least 2, or nothing would be suppressed
 * @param kAnonymity           the k of the case-level CTDC export: every row published is identical to at least
 *                             k - 1 others (default 11, as CTDC's k-anonymised dataset); at least 2
 */
@Validated
@ConfigurationProperties("nrm.statistics")
public record StatisticsProperties(@DefaultValue("10") @Min(2) int suppressionThreshold,
                                   @DefaultValue("11") @Min(2) int kAnonymity) {
}
