package org.nrmplatform.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform as a newcomer runs it, {@code infra/nrm} on the embedded store, for the tests that start it
 * whole (registered with {@code @RegisterExtension}): for each test every component on a free port and the
 * data in a temporary directory of its own, so that it stays apart from a platform already running on the
 * machine; after the test {@code infra/nrm down} and the directory removed. The launcher's output is kept
 * beside the data and printed (a token's is not).
 */
public final class LocalPlatform implements BeforeEachCallback, AfterEachCallback {

    /** The repository's root: the tests run in {@code infra}. */
    public static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private final Map<String, String> environment = new HashMap<>();
    private Path workingDirectory;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        prepare();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            downKeepingEverything();
            return;
        }
        downAndRemove();
    }

    /**
     * After a failure: {@code infra/nrm down}, the data and logs kept for the post-mortem, and each component's
     * warnings and errors printed, so that a failure on a build machine says what the platform saw.
     */
    public void downKeepingEverything() throws Exception {
        launcher("down");
        Path logs = dataDirectory().resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(file -> file.toString().endsWith(".log")).sorted().toList()) {
                    List<String> noteworthy = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                            // plain lines (the store) and structured ones (the services log ECS JSON)
                            .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                                    || line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")
                                    || line.startsWith("Caused by:"))
                            .map(line -> line.length() > 600 ? line.substring(0, 600) + " ..." : line)
                            .toList();
                    System.out.printf("--- %s: %d warnings and errors%s ---%n", log.getFileName(), noteworthy.size(),
                            noteworthy.size() > 40 ? ", the last 40" : "");
                    noteworthy.subList(Math.max(0, noteworthy.size() - 40), noteworthy.size())
                            .forEach(System.out::println);
                }
            }
        }
        System.out.println("the test failed: its platform's data and logs are kept in " + workingDirectory);
    }

    /**
     * Free ports for every component and a temporary directory for the data; {@code launcher("up")} then starts
     * the platform there. For a test class that shares one platform between its tests (in {@code @BeforeAll});
     * registered as an extension, this runs before each test.
     */
    public void prepare() throws IOException {
        workingDirectory = Files.createTempDirectory("nrm-platform");
        environment.put("NRM_DATA_DIR", workingDirectory.resolve("nrm-data").toString());
        for (String port : List.of("NRM_STORE_PORT", "NRM_GATEWAY_PORT", "NRM_CASE_PORT", "NRM_REFERRAL_PORT",
                "NRM_IDENTITY_PORT", "NRM_GATEWAY_MANAGEMENT_PORT", "NRM_WEB_PORT")) {
            environment.put(port, String.valueOf(freePort()));
        }
        environment.put("NRM_SKIP_BUILD", "1");
    }

    /** {@code infra/nrm down}, then the data directory removed. */
    public void downAndRemove() throws Exception {
        try {
            launcher("down");
        } finally {
            try (Stream<Path> files = Files.walk(workingDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Sets a variable of the launcher's environment (before {@code up}), e.g. {@code NRM_TLS=dev}. */
    public LocalPlatform withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The gateway's base address: https where the launcher was asked for TLS. */
    public String gateway() {
        return (environment.containsKey("NRM_TLS") ? "https" : "http") + "://127.0.0.1:"
                + environment.get("NRM_GATEWAY_PORT");
    }

    /** The gateway's operators' port (health, metrics). */
    public int gatewayManagementPort() {
        return Integer.parseInt(environment.get("NRM_GATEWAY_MANAGEMENT_PORT"));
    }

    public int storePort() {
        return Integer.parseInt(environment.get("NRM_STORE_PORT"));
    }

    /**
     * The embedded store's address with the credentials the launcher generated on first start
     * ({@code $NRM_DATA_DIR/store-password}): the store answers no one else.
     */
    public String storeUri() throws IOException {
        String password = Files.readString(dataDirectory().resolve("store-password"), StandardCharsets.US_ASCII).trim();
        return "mongodb://nrm:" + password + "@127.0.0.1:" + storePort() + "/?authSource=admin";
    }

    public int casePort() {
        return Integer.parseInt(environment.get("NRM_CASE_PORT"));
    }

    /** Where the launcher keeps the store's files, the logs and the components' pid files. */
    public Path dataDirectory() {
        return Path.of(environment.get("NRM_DATA_DIR"));
    }

    /** Runs {@code infra/nrm <command>} and answers what it printed; fails the test if it fails. */
    public String launcher(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(REPOSITORY.resolve("infra/nrm").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(workingDirectory.toFile());
        builder.environment().remove("NRM_STORE_URI");
        builder.environment().putAll(environment);
        // a command may name a path: the file's name keeps only what a file name may hold
        String name = String.join("-", command).replaceAll("[^A-Za-z0-9._-]", "_") + "-" + System.nanoTime();
        Path output = workingDirectory.resolve("launcher-" + name + ".txt");
        Path errors = workingDirectory.resolve("launcher-" + name + ".err");
        builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("infra/nrm " + String.join(" ", command) + " did not finish in 6 minutes");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String failed = Files.readString(errors, StandardCharsets.UTF_8);
        if (!command[0].equals("token")) {
            System.out.println("infra/nrm " + String.join(" ", command) + ":\n" + printed + failed);
        }
        assertThat(process.exitValue()).as("infra/nrm %s failed:%n%s%s", String.join(" ", command), printed, failed)
                .isZero();
        return printed;
    }

    /** The body of {@code POST /api/cases} for an adult screened an hour ago. */
    public static Map<String, Object> openCase(UUID caseId) {
        return Map.of("caseId", caseId.toString(), "detectingSector", "LABOUR_INSPECTION",
                "screenedAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString(),
                "location", Map.of("country", "RS", "municipality", "Novi Sad"),
                "dataSubject", Map.of("givenName", "Ana", "familyName", "Petrović", "ageCategory", "ADULT",
                        "sex", "Feminine", "citizenship", List.of("AL")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
