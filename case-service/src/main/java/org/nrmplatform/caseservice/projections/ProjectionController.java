package org.nrmplatform.caseservice.projections;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operations on case-service's projections, for operators: no case content. */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionController {

    private final ProjectionRebuilds rebuilds;
    private final SealingMigration sealing;

    ProjectionController(ProjectionRebuilds rebuilds, SealingMigration sealing) {
        this.rebuilds = rebuilds;
        this.sealing = sealing;
    }

    @GetMapping
    @PreAuthorize("hasRole('OPERATOR')")
    List<ProjectionStatus> list() {
        return rebuilds.statuses();
    }

    /** Starts the rebuild and answers at once; its progress shows in the list. */
    @PostMapping("/{name}/rebuild")
    @PreAuthorize("hasRole('OPERATOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuild(@PathVariable String name) {
        return rebuilds.rebuild(name);
    }

    /** The sealing migration's dry run: what holds personal data in clear, and what would be rebuilt. */
    @GetMapping("/sealing-migration")
    @PreAuthorize("hasRole('OPERATOR')")
    SealingMigration.Plan sealingPlan() {
        return sealing.plan();
    }

    /** Starts the sealing migration's rebuilds and answers at once; their progress shows in the list. */
    @PostMapping("/sealing-migration")
    @PreAuthorize("hasRole('OPERATOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SealingMigration.Plan migrate() {
        return sealing.migrate();
    }
}
