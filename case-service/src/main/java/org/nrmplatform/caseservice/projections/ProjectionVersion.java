package org.nrmplatform.caseservice.projections;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * Which version of a projection answers reads ({@code current}) and which one a rebuild is building, with
 * the rebuild's last recorded progress. One document per projection in {@value ProjectionVersions#COLLECTION}.
 */
record ProjectionVersion(@Id String name, int current, Integer rebuilding, Instant rebuildStartedAt,
                         long processed, long total) {

    static ProjectionVersion first(String name) {
        return new ProjectionVersion(name, 1, null, null, 0, 0);
    }

    boolean isRebuilding() {
        return rebuilding != null;
    }
}
