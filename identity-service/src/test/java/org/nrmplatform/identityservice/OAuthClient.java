package org.nrmplatform.identityservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.security.SecureRandom;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
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
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

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

    public Answer postForm(String pathOrUrl, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
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


    /** A PKCE code verifier: 48 random bytes, URL-safe. */
    public static String codeVerifier() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The S256 challenge of a code verifier. */
    public static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The CSRF token of a page's form, or null when it carries none. */
    public static String csrfToken(String page) {
        Matcher csrf = CSRF.matcher(page);
        return csrf.find() ? csrf.group(1) : null;
    }
}
