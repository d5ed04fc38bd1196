package org.nrmplatform.identityservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OAuth2 side of identity-service, called as a client would: token requests and a browser's sign-in. */
public final class OAuthClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    /** Keeps cookies and does not follow redirects, like a browser whose every step the test checks. */
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public OAuthClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Answer clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((urlEncode(clientId) + ":" + urlEncode(secret))
                .getBytes(StandardCharsets.UTF_8));
        return postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                Map.of("Authorization", "Basic " + basic));
    }

    public Answer postForm(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer get(String pathOrUrl, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = browser.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isBlank()) {
                body = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(field -> urlEncode(field.getKey()) + "=" + urlEncode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
