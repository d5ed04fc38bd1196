package org.nrmplatform.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.web.WebProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page shown right after a person's write shows that write: the version the write answered is found whatever
 * the answer's shape, and the read waits until the view has it. Against a small HTTP server standing in for the
 * gateway, whose case view catches up on the third read.
 */
class PlatformApiTest {

    private final AtomicInteger reads = new AtomicInteger();
    private HttpServer gateway;
    private PlatformApi api;

    @BeforeEach
    void startTheGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/cases/", exchange -> {
            String body = exchange.getRequestMethod().equals("POST")
                    // an indicator assessment answers its result beside the case's status
                    ? "{\"caseId\":\"c1\",\"result\":{\"present\":2},\"status\":{\"caseId\":\"c1\",\"version\":3}}"
                    : "{\"id\":\"c1\",\"version\":" + (reads.incrementAndGet() < 3 ? 2 : 3) + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        gateway.createContext("/api/language", exchange -> {
            String language = exchange.getRequestHeaders().getFirst("Accept-Language");
            byte[] bytes = ("{\"asked\":\"" + language + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        gateway.createContext("/api/hung", exchange -> {
            // answers nothing: a call that hangs
        });
        gateway.start();
        api = platformApi(Duration.ofSeconds(30));
    }

    private PlatformApi platformApi(Duration timeout) {
        URI address = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        return new PlatformApi(new WebProperties(address, address, address, address, "secret", Duration.ofMinutes(30),
                timeout), request -> null, JsonMapper.builder().build());
    }

    @AfterEach
    void stopTheGateway() {
        gateway.stop(0);
    }

    @Test
    void theVersionOfAWriteIsFoundInsideTheStatusItAnswers() {
        assertThat(Submission.versionOf(api.post("/api/cases/{id}/indicator-assessments",
                Map.of("answers", Map.of()), "c1"))).isEqualTo(3);
        assertThat(Submission.versionOf(Map.of("caseId", "c1", "version", 7))).isEqualTo(7);
        assertThat(Submission.versionOf(Map.of("items", List.of()))).isNull();
    }

    @Test
    void theApiIsAskedInThePagesLanguage() {
        try {
            LocaleContextHolder.setLocale(Locale.forLanguageTag("sr-Cyrl"));
            assertThat(api.get("/api/language")).containsEntry("asked", "sr-Cyrl");
            LocaleContextHolder.setLocale(Locale.forLanguageTag("sq"));
            assertThat(api.get("/api/language")).containsEntry("asked", "sq");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void aCallThePlatformDoesNotAnswerEndsAfterTheConfiguredTime() {
        PlatformApi impatient = platformApi(Duration.ofSeconds(1));
        assertThatThrownBy(() -> impatient.get("/api/hung")).isInstanceOfSatisfying(RefusedAction.class, refused -> {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.getMessage()).contains("no answer within 1 s");
        });
    }

    @Test
    void aReadAfterAWriteWaitsUntilTheViewShowsIt() {
        Object written = Submission.versionOf(api.post("/api/cases/{id}/indicator-assessments",
                Map.of("answers", Map.of()), "c1"));

        Map<String, Object> shown = api.readAfterWrite(((Number) written).longValue(), "/api/cases/{id}", "c1");

        assertThat(shown.get("version")).isEqualTo(3);
        assertThat(reads.get()).as("read again while the view was behind").isEqualTo(3);
    }
}
