package org.nrmplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Paths the security firewall refuses are answered with a problem, not an empty 400, and never reach a service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusedRequestTest {

    private static final StubBackend caseService = new StubBackend("case-service");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", caseService::url);
        registry.add("nrm.gateway.services.identity-service", caseService::url);
    }

    @AfterAll
    static void stop() {
        caseService.close();
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/cases;jsessionid=1", "/api//cases", "/api/cases%2Fx", "/api/cases/%2e%2e/x",
            "/api/cases/%25", "/api/cases/%00"})
    void aPathTheFirewallRefusesIsA400Problem(String target) throws IOException {
        String answer = raw("GET " + target + " HTTP/1.1",
                "Authorization: Bearer " + StubTokenIssuer.get().validToken() + "\r\n");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(head).doesNotContainIgnoringCase("X-Served-By");
        Map<?, ?> problem = JSON.readValue(answer.substring(head.length() + 4), Map.class);
        assertThat(problem.get("status")).isEqualTo(400);
        assertThat((String) problem.get("detail")).contains("refused for safety");
        assertThat((String) problem.get("correlationId")).isNotBlank();
    }

    /** Refused while decoding, before any filter: the empty answers Netty and Spring make get a problem body. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /api/a{b HTTP/1.1|400", "GET /api/cases HTTP/1.1|X-Note: a\u0007b|400",
            "GET /api/cases HTTP/1.1|X-Padding: LONG|431", "GET /api/cases/LONG HTTP/1.1|414", "HELLO|400"})
    void aRequestThatDoesNotDecodeIsAProblem(String probe) throws IOException {
        String[] parts = probe.replace("LONG", "a".repeat(20_000)).split("\\|");
        String headers = parts.length == 3 ? parts[1] + "\r\n" : "";
        String answer = raw(parts[0], headers);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        assertThat(head).startsWith("HTTP/1.1 " + parts[parts.length - 1])
                .containsIgnoringCase("Content-Type: application/problem+json");
        Map<?, ?> problem = JSON.readValue(answer.substring(head.length() + 4), Map.class);
        assertThat(problem.get("status")).isEqualTo(Integer.parseInt(parts[parts.length - 1]));
        assertThat((String) problem.get("detail")).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void aHeadRequestRefusedWhileDecodingStillHasNoBody() throws IOException {
        String answer = raw("HEAD /api/a{b HTTP/1.1", "");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEmpty();
    }

    /** HTTP/1.1 written by hand: java.net.http normalises or refuses these paths. */
    private String raw(String requestLine, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
