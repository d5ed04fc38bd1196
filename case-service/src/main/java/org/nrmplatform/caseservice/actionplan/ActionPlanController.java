package org.nrmplatform.caseservice.actionplan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddActivity;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddIndicator;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.AddObjective;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.Period;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.RecordActionPlan;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportIndicatorValue;
import org.nrmplatform.caseservice.actionplan.ActionPlanCommands.ReportProgress;
import org.nrmplatform.caseservice.statistics.IndicatorFigures;
import org.nrmplatform.caseservice.statistics.IndicatorFigures.Definition;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.ActivityProgress;
import org.nrmplatform.contracts.actionplans.ActionPlanEvents.IndicatorProgress;
import org.nrmplatform.contracts.actionplans.ImplementationStatus;
import org.nrmplatform.contracts.actionplans.ProgressStatus;
import org.nrmplatform.shared.web.ProblemResponses.FieldProblem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * National action plans over HTTP (issue 19, point 2). The NRM's coordinators record and follow them: the
 * administrator and the monitor write and read; no other role may. A plan holds no case content: a bound
 * indicator's value is the national figure of the performance indicators, suppressed as they are.
 */
@RestController
@RequestMapping("/api/action-plans")
@Tag(name = "Action plans", description = "National action plans: objectives, activities, indicators, progress "
        + "(administrator and monitor only)")
class ActionPlanController {

    static final String COORDINATORS = "hasAnyRole('ADMINISTRATOR', 'MONITOR')";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    record PlanRequest(UUID planId, @NotBlank @Size(max = 300) String title, @NotNull LocalDate startsOn,
                       @NotNull LocalDate endsOn) {
    }

    record ObjectiveRequest(UUID objectiveId, @NotBlank @Size(max = 500) String title) {
    }

    record ActivityRequest(UUID activityId, @NotNull UUID objectiveId, @NotBlank @Size(max = 500) String title,
                           @NotBlank @Size(max = 200) String responsibleInstitution, @NotNull LocalDate deadline,
                           ImplementationStatus status) {
    }

    /** Either {@code boundTo} (a computed indicator's id, optionally a {@code category}) or {@code reportedBy}. */
    record IndicatorRequest(UUID indicatorId, @NotNull UUID objectiveId, @NotBlank @Size(max = 500) String name,
                            @Size(max = 50) String unit, @NotNull BigDecimal baseline, @NotNull BigDecimal target,
                            @Size(max = 100) String boundTo, @Size(max = 100) String category,
                            @Size(max = 200) String reportedBy) {
    }

    record ValueRequest(@NotBlank @Size(max = 10) String period, @NotNull BigDecimal value,
                        @Size(max = 2000) String note) {
    }

    record ActivityProgressRequest(@NotNull UUID activityId, @NotNull ProgressStatus status,
                                   ImplementationStatus implementation) {
    }

    record IndicatorProgressRequest(@NotNull UUID indicatorId, @NotNull ProgressStatus status) {
    }

    record ProgressRequest(@NotBlank @Size(max = 10) String period, @NotBlank @Size(max = 10000) String narrative,
                           @Valid @Size(max = 500) List<ActivityProgressRequest> activities,
                           @Valid @Size(max = 500) List<IndicatorProgressRequest> indicators) {
    }

    record Bindable(List<Definition> items) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ActionPlanReporting reporting;
    private final ActionPlanPdf pdf;
    private final IndicatorFigures figures;

    ActionPlanController(CommandGateway commands, QueryGateway queries, ActionPlanReporting reporting,
                         ActionPlanPdf pdf, IndicatorFigures figures) {
        this.commands = commands;
        this.queries = queries;
        this.reporting = reporting;
        this.pdf = pdf;
        this.figures = figures;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Record a national action plan (administrator, monitor)", description = "A title and the "
            + "days it covers; objectives, activities and indicators are added to it one by one.")
    ResponseEntity<ActionPlanState> record(@Valid @RequestBody PlanRequest request) {
        UUID planId = request.planId() != null ? request.planId() : UUID.randomUUID();
        commands.sendAndWait(new RecordActionPlan(planId, request.title(), request.startsOn(), request.endsOn()));
        return ResponseEntity.created(URI.create("/api/action-plans/" + planId))
                .body(new ActionPlanState(planId, planId, 0));
    }

    @GetMapping
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "The action plans, the latest first (administrator, monitor)")
    ActionPlanQueries.PlanList list() {
        return queries.query(new ActionPlanQueries.ListActionPlans(), ActionPlanQueries.PlanList.class).join();
    }

    @GetMapping("/computed-indicators")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "The NRM performance indicators a plan's indicator can be bound to, with their units "
            + "(administrator, monitor)")
    Bindable bindable() {
        return new Bindable(figures.definitions());
    }

    @GetMapping("/{planId}")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "A plan as recorded: objectives with activities and indicators, reported values, progress "
            + "reports (administrator, monitor)")
    ActionPlanView get(@PathVariable UUID planId) {
        return queries.query(new ActionPlanQueries.FindActionPlan(planId),
                ResponseTypes.optionalInstanceOf(ActionPlanView.class)).join().orElseThrow(() -> notFound(planId));
    }

    @PostMapping(path = "/{planId}/objectives", consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Add an objective to a plan (administrator, monitor)")
    ActionPlanState objective(@PathVariable UUID planId, @Valid @RequestBody ObjectiveRequest request) {
        return commands.sendAndWait(new AddObjective(planId, idOr(request.objectiveId()), request.title()));
    }

    @PostMapping(path = "/{planId}/activities", consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Add an activity to an objective: responsible institution, deadline, status (NOT_STARTED "
            + "unless given) (administrator, monitor)")
    ActionPlanState activity(@PathVariable UUID planId, @Valid @RequestBody ActivityRequest request) {
        return commands.sendAndWait(new AddActivity(planId, idOr(request.activityId()), request.objectiveId(),
                request.title(), request.responsibleInstitution(), request.deadline(), request.status()));
    }

    @PostMapping(path = "/{planId}/indicators", consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Add an indicator to an objective (administrator, monitor)", description = """
            Baseline, target and unit; bound to a computed NRM performance indicator ('boundTo', its unit is the \
            computed one's; 'category' picks one row, e.g. boundTo presumedVictims.sex, category Feminine) or \
            reported by an institution ('reportedBy', which then reports a value per period). An unknown \
            computed indicator or another unit is a 400 naming the field.""")
    ActionPlanState indicator(@PathVariable UUID planId, @Valid @RequestBody IndicatorRequest request) {
        String unit = request.unit();
        if (request.boundTo() != null && !request.boundTo().isBlank()) {
            Definition bound = figures.definition(request.boundTo().strip()).orElseThrow(() -> invalid("boundTo",
                    "'" + request.boundTo() + "' is not a computed indicator; see GET /api/action-plans/computed-indicators"));
            if (unit != null && !unit.isBlank() && !unit.strip().equals(bound.unit())) {
                throw invalid("unit", "a bound indicator counts in the computed indicator's unit, " + bound.unit());
            }
            unit = bound.unit();
        }
        return commands.sendAndWait(new AddIndicator(planId, idOr(request.indicatorId()), request.objectiveId(),
                request.name(), unit, request.baseline(), request.target(), request.boundTo(), request.category(),
                request.reportedBy()));
    }

    @PostMapping(path = "/{planId}/indicators/{indicatorId}/values", consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Record the value an institution reported for an indicator in a period (administrator, "
            + "monitor)", description = "Period: 2026, 2026-Q4 or 2026-11, within the plan; a later value for the "
            + "same period replaces it. A bound indicator's values are computed: 409.")
    ActionPlanState value(@PathVariable UUID planId, @PathVariable UUID indicatorId,
                          @Valid @RequestBody ValueRequest request) {
        return commands.sendAndWait(new ReportIndicatorValue(planId, indicatorId, period(request.period()),
                request.value(), request.note()));
    }

    @PostMapping(path = "/{planId}/progress-reports", consumes = "application/json")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "Report a period's progress (administrator, monitor)", description = """
            A narrative and a status (ON_TRACK, DELAYED, AT_RISK) for each activity and indicator named; an \
            activity's 'implementation' (NOT_STARTED, IN_PROGRESS, COMPLETED, CANCELLED), when given, becomes its \
            status. A later report of the same period replaces it.""")
    ActionPlanState progress(@PathVariable UUID planId, @Valid @RequestBody ProgressRequest request) {
        List<ActivityProgress> activities = request.activities() == null ? List.of() : request.activities().stream()
                .map(a -> new ActivityProgress(a.activityId(), a.status(), a.implementation())).toList();
        List<IndicatorProgress> indicators = request.indicators() == null ? List.of() : request.indicators().stream()
                .map(i -> new IndicatorProgress(i.indicatorId(), i.status())).toList();
        return commands.sendAndWait(new ReportProgress(planId, period(request.period()), request.narrative(),
                activities, indicators));
    }

    @GetMapping("/{planId}/report")
    @PreAuthorize(COORDINATORS)
    @Operation(summary = "The report of the whole plan as JSON, CSV or PDF (administrator, monitor)",
            description = "Every objective, activity and indicator with each reported period's status and value; "
                    + "bound indicators' values computed by the performance indicators for the period (national "
                    + "figure, small cells suppressed).",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the report", content = {
                            @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = ActionPlanReport.class)),
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))}),
                    @ApiResponse(responseCode = "400", description = "a format other than json, csv or pdf",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "neither administrator nor monitor"),
                    @ApiResponse(responseCode = "404", description = "no such plan")})
    ResponseEntity<?> report(@PathVariable UUID planId, @RequestParam(defaultValue = "json") String format) {
        if (!List.of("json", "csv", "pdf").contains(format)) {
            throw invalid("format", "'" + format + "' is not a format: json, csv or pdf");
        }
        ActionPlanReport report = reporting.report(planId).orElseThrow(() -> notFound(planId));
        return switch (format) {
            case "csv" -> ResponseEntity.ok().contentType(CSV).header("Content-Disposition",
                    attachment(planId, "csv")).body(ActionPlanCsv.of(report));
            case "pdf" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).header("Content-Disposition",
                    attachment(planId, "pdf")).body(pdf.render(report));
            default -> ResponseEntity.ok(report);
        };
    }

    private static String attachment(UUID planId, String extension) {
        return ContentDisposition.attachment().filename("action-plan-" + planId + "." + extension).build().toString();
    }

    private static Period period(String text) {
        return IndicatorFigures.period(text).map(p -> new Period(p.name(), p.from(), p.until()))
                .orElseThrow(() -> invalid("period", "'" + text + "' is not a period: a year (2026), a quarter "
                        + "(2026-Q4) or a month (2026-11)"));
    }

    private static UUID idOr(UUID given) {
        return given != null ? given : UUID.randomUUID();
    }

    private static ResponseStatusException notFound(UUID planId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No action plan " + planId);
    }

    private static ResponseStatusException invalid(String field, String message) {
        ResponseStatusException invalid = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'" + field + "': " + message);
        invalid.getBody().setProperty("errors", List.of(new FieldProblem(field, message)));
        return invalid;
    }
}
