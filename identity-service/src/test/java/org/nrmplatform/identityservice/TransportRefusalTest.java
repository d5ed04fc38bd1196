package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any controller reads them (by Tomcat, by the security firewall, by content
 * negotiation) and bodies read strictly: each a 4xx problem, never a 500, an HTML page or an empty body.
 * The rules are the platform's (shared); identity-service stands for every servlet service here.
 */
class TransportRefusalTest extends IdentityServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @CsvSource({"users, */*", "users, application/*", "clients, */*", "clients, application/*"})
    void aContentTypeRangeOnADeactivationIsA415Problem(String kind, String contentType) {
        Answer answer = as(Role.ADMINISTRATOR).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/identity/"
                        + kind + "/" + UUID.randomUUID() + "/deactivation"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"left the organisation\"}")), Map.of());
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asString()).contains(contentType, "application/json");
    }

    /** Refused by Tomcat while parsing the request: no service code has run. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/identity/organisations/%00", "/api/identity/a%2Fb", "/api/identity/a{b",
            "/api/identity/%zz", "/api/identity/caf\u00e9"})
    void aUrlTomcatCannotReadIsA400Problem(String target) throws IOException {
        RawAnswer answer = raw("GET " + target + " HTTP/1.1", "");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problem().get("detail").asString()).contains("URL");
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000})
    void headersOverTheLimitAreA400Problem(int length) throws IOException {
        RawAnswer answer = raw("GET /api/identity/organisations HTTP/1.1", "X-Padding: " + "a".repeat(length) + "\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problem().get("detail").asString()).contains("headers");
    }

    /** Refused by Spring Security's firewall: paths that could be read two ways. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/identity/organisations;jsessionid=1", "/api/identity//organisations",
            "/api/identity/organisations/%2e%2e/users", "/api/identity/organisations/%252F"})
    void aUrlTheFirewallRefusesIsA400Problem(String target) throws IOException {
        RawAnswer answer = raw("GET " + target + " HTTP/1.1", "Authorization: Bearer " + token(Role.ADMINISTRATOR)
                + "\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problem().get("detail").asString()).contains("refused for safety");
        assertThat(answer.problem().get("correlationId").asString()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name | {\"name\": \"Shelter\\u0000 Ni\u0161\", \"type\": \"shelter\", \"country\": \"RS\"}",
            "name | {\"name\": 42, \"type\": \"shelter\", \"country\": \"RS\"}",
            "country | {\"name\": \"Shelter Ni\u0161\", \"type\": \"shelter\", \"country\": true}",
            "servicesOffered[0] | {\"name\": \"Shelter Ni\u0161\", \"type\": \"shelter\", \"country\": \"RS\", "
                    + "\"servicesOffered\": [1]}"})
    void textMustBeTextWithoutNul(String field, String body) {
        Answer answer = as(Role.ADMINISTRATOR).post("/api/identity/organisations", body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(error -> error.get("field").asString()).toList())
                .isEqualTo(List.of(field));
        assertThat(answer.raw().body()).doesNotContain("org.nrmplatform", "java.", "tools.jackson", "`");
    }

    private record RawAnswer(int status, String contentType, JsonNode problem) {
    }

    /** HTTP/1.1 written by hand: java.net.http refuses to send most of these request lines. */
    private RawAnswer raw(String requestLine, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = text.substring(0, text.indexOf("\r\n\r\n"));
            String body = text.substring(head.length() + 4);
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim()).findFirst().orElse("");
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), contentType,
                    contentType.startsWith("application/problem+json") ? JSON.readTree(body) : null);
        }
    }
}
