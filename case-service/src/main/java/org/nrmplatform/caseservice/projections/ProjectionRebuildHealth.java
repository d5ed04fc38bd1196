package org.nrmplatform.caseservice.projections;

import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The running rebuilds in {@code /actuator/health} (component {@code projectionRebuilds}): DOWN while one is
 * held at an event its handler cannot apply, with the event and the exception named. Not part of the
 * readiness group: the current version keeps answering reads while a rebuild is held (were the live
 * processor held too, {@code eventProcessors} takes readiness down).
 */
@Component("projectionRebuildsHealthIndicator")
class ProjectionRebuildHealth extends AbstractHealthIndicator {

    private final ProjectionRebuilds rebuilds;

    ProjectionRebuildHealth(ProjectionRebuilds rebuilds) {
        super("Projection rebuild check failed");
        this.rebuilds = rebuilds;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Map<String, Object>> running = rebuilds.runningRebuilds();
        builder.withDetails(running);
        if (running.values().stream().anyMatch(rebuild -> rebuild.containsKey("heldAt"))) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
