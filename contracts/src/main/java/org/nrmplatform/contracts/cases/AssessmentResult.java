package org.nrmplatform.contracts.cases;

import java.util.List;

/**
 * The outcome of one indicator assessment against its set's rule for reasonable grounds. It informs,
 * and does not replace, the professional's decision to flag a presumed victim.
 */
public record AssessmentResult(int answered, int present, int strongPresent, int mediumPresent,
                               List<String> presentIndicators, boolean reasonableGroundsIndicated) {
}
