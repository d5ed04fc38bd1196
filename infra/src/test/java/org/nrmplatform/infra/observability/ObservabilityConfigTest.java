package org.nrmplatform.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operations files are checked by the tools that read them: Prometheus' configuration and alert rules by
 * {@code promtool} (including the rules' unit tests), the compose file by {@code docker-compose config}, the
 * Grafana dashboard as JSON whose every query uses the provisioned data source. Where a tool is missing the
 * check is skipped and says so (.ci/run installs both: Debian's {@code prometheus} and {@code docker-compose}).
 */
class ObservabilityConfigTest {

    /** Surefire runs with the module directory as working directory. */
    private static final Path INFRA = Path.of("").toAbsolutePath();
    private static final Path PROMETHEUS = INFRA.resolve("observability/prometheus");
    private static final Path DASHBOARDS = INFRA.resolve("observability/grafana/dashboards");

    @Test
    void prometheusConfigurationIsValid() throws Exception {
        assertSucceeds(run(PROMETHEUS, Map.of(), "promtool", "check", "config", "prometheus.yml"));
    }

    @Test
    void alertRulesAreValidAndPassTheirUnitTests() throws Exception {
        assertSucceeds(run(PROMETHEUS, Map.of(), "promtool", "check", "rules", "alerts.yml"));
        assertSucceeds(run(PROMETHEUS, Map.of(), "promtool", "test", "rules", "alerts-test.yml"));
    }

    @Test
    void composeFileIsValid() throws Exception {
        Result result = run(INFRA, Map.of("NRM_IDENTITY_KEYENCRYPTIONKEY", "dGVzdA==", "GRAFANA_ADMIN_PASSWORD", "test",
                "NRM_WEB_CLIENTSECRET", "web-secret"), "docker-compose", "-f", "compose.yml", "config", "-q");
        assertSucceeds(result);
    }

    @Test
    void composeFileRefusesToStartWithoutItsSecrets() throws Exception {
        Result result = run(INFRA, Map.of(), "docker-compose", "-f", "compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("NRM_IDENTITY_KEYENCRYPTIONKEY");
    }

    @Test
    void dashboardsAreJsonQueryingTheProvisionedDataSource() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Path> dashboards;
        try (var files = Files.list(DASHBOARDS)) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).isNotEmpty();
        for (Path file : dashboards) {
            JsonNode dashboard = json.readTree(file.toFile());
            assertThat(dashboard.path("uid").asString()).as(file + " uid").isNotBlank();
            List<JsonNode> targets = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                        .isEqualTo("nrm-prometheus");
                panel.path("targets").forEach(targets::add);
            }
            assertThat(targets).as(file + " queries").isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asString()).isNotBlank());
        }
        String provisioned = Files.readString(INFRA.resolve(
                "observability/grafana/provisioning/datasources/prometheus.yml"), StandardCharsets.UTF_8);
        assertThat(provisioned).contains("uid: nrm-prometheus");
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a tool; skips the test, saying why, when the tool is not installed. */
    private static Result run(Path directory, Map<String, String> environment, String... command) throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin", command[0]))
                || Files.isExecutable(Path.of("/usr/local/bin", command[0]));
        if (!installed) {
            String reason = command[0] + " is not installed (Debian: apt-get install "
                    + (command[0].equals("promtool") ? "prometheus" : command[0]) + "): " + String.join(" ", command)
                    + " not checked";
            System.out.println("SKIPPED " + reason);
            Assumptions.abort(reason);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.equals("NRM_IDENTITY_KEYENCRYPTIONKEY")
                || key.equals("GRAFANA_ADMIN_PASSWORD") || key.equals("NRM_WEB_CLIENTSECRET"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        System.out.println("$ " + String.join(" ", command) + "\n" + output);
        return new Result(process.exitValue(), output);
    }

    private static void assertSucceeds(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
