package org.nrmplatform.shared.store;

import java.time.Duration;

/**
 * How tracking reads go.
 *
 * @param batchSize    events fetched per round trip; also how close to the head a reader looks numbers up
 *                     by value instead of keeping a cursor open
 * @param gapTimeout   how long after a later number was taken a reader waits for an unresolved number before
 *                     it moves past it, keeping it in the token as a gap
 * @param maxGapOffset how far behind the token's index a gap is kept, which bounds the token's size
 */
record TrackingSettings(int batchSize, Duration gapTimeout, int maxGapOffset) {

    TrackingSettings {
        if (batchSize < 1 || maxGapOffset < 1 || gapTimeout.isNegative() || gapTimeout.isZero()) {
            throw new IllegalArgumentException("batch size, gap timeout and max gap offset must be positive, not "
                    + batchSize + ", " + gapTimeout + ", " + maxGapOffset);
        }
    }
}
