package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrmplatform.shared.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request that arrives with a W3C {@code traceparent} (as the gateway sends it) continues that trace: its
 * trace id is in the metadata of the events the request causes, and in the JSON log lines written while
 * handling it, beside the correlation id. Metrics and readiness are served on the service's port.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry meters;

    @Test
    void traceIdOfTheRequestIsInEventMetadataAndJsonLogs(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        UUID caseId = UUID.randomUUID();

        ApiClient.Answer opened = firstLine.post("/api/cases", CaseRequests.openAdult(caseId), Map.of(
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Correlation-Id", "trace-test-1"));

        assertThat(opened.status()).isEqualTo(201);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(caseId.toString()).asStream().toList();
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry("traceId", traceId);
            assertThat(event.getMetaData()).containsEntry("correlationId", "trace-test-1");
        });
        JsonNode line = output.getOut().lines()
                .filter(text -> text.startsWith("{") && text.contains("OpenCase handled"))
                .map(JSON::readTree).filter(json -> traceId.equals(json.path("traceId").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line with trace id " + traceId
                        + " in:\n" + output.getOut()));
        assertThat(line.path("correlationId").asString()).isEqualTo("trace-test-1");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
    }

    @Test
    void prometheusShowsCommandProcessorStoreAndBusinessMetricsWithCommonTags() throws Exception {
        long decisionsBefore = identificationDurations();
        UUID caseId = UUID.randomUUID();
        String path = "/api/cases/" + caseId;
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post(path + "/indicator-assessments", CaseRequests.labourAssessment()).status())
                .isEqualTo(201);
        assertThat(firstLine.post(path + "/presumed-victim", CaseRequests.presumedVictim()).status()).isEqualTo(200);
        assertThat(authority.post(path + "/identification-decision", CaseRequests.identified()).status())
                .isEqualTo(200);

        String metrics = text("/actuator/prometheus");

        assertThat(identificationDurations()).isEqualTo(decisionsBefore + 1);
        assertThat(metrics)
                // Axon: rate, latency and failures per command type
                .containsPattern("commandBus_allTimer_seconds_bucket\\{[^}]*payloadType=\"OpenCase\"[^}]*service=\"case-service\"")
                .containsPattern("commandBus_failureCounter_total\\{[^}]*payloadType=\"DecideIdentification\"")
                // processors: Axon's latency, our position, lag and errors
                .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"managed-cases\"")
                .containsPattern("nrm_processor_lag_events\\{[^}]*processor=\"managed-cases\"")
                .containsPattern("nrm_processor_lag_seconds\\{[^}]*processor=\"managed-cases\"")
                .containsPattern("nrm_processor_segments_error\\{[^}]*processor=\"managed-cases\"[^}]*\\} 0")
                // business: cases by stage, identification duration histogram
                .containsPattern("nrm_cases\\{[^}]*stage=\"IDENTIFIED_VICTIM\"[^}]*state=\"open\"")
                .containsPattern("nrm_case_identification_duration_seconds_bucket\\{[^}]*outcome=\"IDENTIFIED\"[^}]*le=\"86400.0\"")
                // the MongoDB driver and the JVM, with the common tags
                .containsPattern("mongodb_driver_commands_seconds_count\\{[^}]*instance=\"[^\"]+\"")
                .containsPattern("jvm_memory_used_bytes\\{[^}]*service=\"case-service\"");
    }

    private long identificationDurations() {
        return meters.find("nrm.case.identification.duration").tag("outcome", "IDENTIFIED").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private String text(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void readinessIncludesStoreAndEventProcessors() {
        JsonNode readiness = anonymous.get("/actuator/health/readiness").body();

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("eventProcessors").path("details").has("managed-cases")).isTrue();
    }
}
