package org.nrmplatform.web.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nrmplatform.web.WebProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's API, called with the access token of the person signed in (refreshed when it expired), so
 * that every call is judged by the services exactly as the person's own client would be. Answers are read as
 * plain JSON maps: the pages show what the API answered, and the API's records stay the services' own.
 * A refusal (an RFC 9457 problem) becomes a {@link RefusedAction} that names the fields it concerns.
 */
@Component
public class PlatformApi {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final RestClient api;
    private final RestClient withoutToken;
    private final OAuth2AuthorizedClientManager clients;
    private final JsonMapper json;

    PlatformApi(WebProperties properties, OAuth2AuthorizedClientManager clients, JsonMapper json) {
        this.clients = clients;
        this.json = json;
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(clients);
        // a call that already carries the person's token (made after the request, LaterCalls) is left as it is
        token.setClientRegistrationIdResolver(request ->
                request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) == null ? "nrm" : null);
        JdkClientHttpRequestFactory calls = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        calls.setReadTimeout(properties.apiTimeout());
        RestClient.Builder calling = RestClient.builder().baseUrl(properties.api().toString()).requestFactory(calls)
                // the page's language, for the labels the API answers (code lists, indicator sets, the court export)
                .requestInterceptor((request, body, execution) -> {
                    if (!request.getHeaders().containsHeader(HttpHeaders.ACCEPT_LANGUAGE)
                            && LocaleContextHolder.getLocaleContext() != null) {
                        request.getHeaders().set(HttpHeaders.ACCEPT_LANGUAGE,
                                LocaleContextHolder.getLocale().toLanguageTag());
                    }
                    return execution.execute(request, body);
                })
                // the gateway not answering at all is a 503 for the person, as the gateway's own 503 would be
                .requestInterceptor((request, body, execution) -> {
                    try {
                        return execution.execute(request, body);
                    } catch (IOException unreachable) {
                        throw RefusedAction.unreachable(unreachable instanceof HttpTimeoutException
                                ? "no answer within " + properties.apiTimeout().toSeconds() + " s" : "no connection");
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError,
                        (request, response) -> {
                            throw RefusedAction.from(response.getStatusCode().value(),
                                    response.getBody().readAllBytes(), json);
                        });
        this.api = calling.clone().requestInterceptor(token).build();
        // the person's feedback link: nobody is signed in, and no token may be sent (decision 45)
        this.withoutToken = calling.build();
    }

    /** A call made without anyone's token, to the one API path open without one (the person's feedback link). */
    public Map<String, Object> getWithoutToken(String path, Object... variables) {
        return withoutToken.get().uri(path, variables).retrieve().body(OBJECT);
    }

    public void postWithoutToken(String path, Object body, Object... variables) {
        withoutToken.post().uri(path, variables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity();
    }

    public Map<String, Object> get(String path, Object... variables) {
        return api.get().uri(path, variables).retrieve().body(OBJECT);
    }

    /**
     * A record just written, once the view the API reads from shows that write: the views follow the event
     * stream moments after the write is stored, so right after it the record may be missing (404) or older than
     * {@code version}. Waits ten seconds at most, then answers what the view shows (the
     * page then says it may be behind).
     */
    public Map<String, Object> readAfterWrite(long version, String path, Object... variables) {
        long giveUp = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            try {
                Map<String, Object> record = get(path, variables);
                if (!(record.get("version") instanceof Number seen) || seen.longValue() >= version
                        || System.nanoTime() > giveUp) {
                    return record;
                }
            } catch (RefusedAction notYet) {
                if (notYet.status() != 404 || System.nanoTime() > giveUp) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return get(path, variables);
            }
        }
    }

    /**
     * The record a page shows: right after the person's own write (the flash attribute {@code written}, the
     * version it made; see {@link Submission}) once its view shows that write, as {@link #readAfterWrite}.
     * Sets {@code behind} in the model when the view had still not caught up, for the page to say so rather
     * than show the record as if nothing happened.
     */
    public Map<String, Object> shown(Model model, String path, Object... variables) {
        Object written = model.getAttribute("written");
        Map<String, Object> record = written instanceof Number version
                ? readAfterWrite(version.longValue(), path, variables)
                : get(path, variables);
        model.addAttribute("behind", written instanceof Number version && record.get("version") instanceof Number
                seen && seen.longValue() < version.longValue());
        return record;
    }

    /** The items of one page of a list the API answers ({@code {"items": [...], "total": n}}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(String path, Object... variables) {
        Object items = get(path, variables).get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    public List<Map<String, Object>> list(String path, Object... variables) {
        return api.get().uri(path, variables).retrieve().body(LIST);
    }

    /** Organisation id → name from the directory (every role may read it): for pages that name who did what. */
    public Map<String, String> organisationNames() {
        Map<String, String> names = new HashMap<>();
        items("/api/identity/organisations?size=200")
                .forEach(o -> names.put(String.valueOf(o.get("id")), String.valueOf(o.get("name"))));
        return names;
    }

    /** A form's request to post, answered as every page answers one (see {@link Submission}). */
    public Submission submit(String path, Object request, Object... variables) {
        return new Submission(this, path, request, variables);
    }

    public Map<String, Object> post(String path, Object body, Object... variables) {
        return api.post().uri(path, variables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(OBJECT);
    }

    public Map<String, Object> delete(String path, Object... variables) {
        return api.delete().uri(path, variables).retrieve().body(OBJECT);
    }

    /** A file the API answers (a CSV, an export): its bytes and the headers that describe it. */
    public record Download(byte[] body, HttpHeaders headers) {
    }

    public Download download(String path, Object... variables) {
        ResponseEntity<byte[]> answer = api.get().uri(path, variables).retrieve().toEntity(byte[].class);
        return new Download(answer.getBody() == null ? new byte[0] : answer.getBody(), answer.getHeaders());
    }

    /**
     * Calls carried on by another thread once this request has answered (long work such as the court export, whose
     * page follows its progress): made with the person's access token as it is now, renewed first if it expired.
     * Access tokens last ten minutes, longer than such work takes. Call this while the person's request runs.
     */
    public LaterCalls later() {
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nrm")
                .principal(SecurityContextHolder.getContext().getAuthentication()).build());
        if (client == null) {
            throw new IllegalStateException("nobody is signed in on this request");
        }
        return new LaterCalls(client.getAccessToken().getTokenValue(), LocaleContextHolder.getLocale());
    }

    /** The calls {@link #later()} gives: each carries the token it was made with. */
    public final class LaterCalls {

        private static final int CHUNK = 16 * 1024;

        private final String token;
        private final String language;

        /** Made on the page's request, so that calls on another thread still ask in the page's language. */
        private LaterCalls(String token, Locale locale) {
            this.token = token;
            this.language = locale.toLanguageTag();
        }

        /** A file, reporting the bytes received as they arrive and the length announced ({@code -1}: none). */
        public Download download(String path, Progress progress, Object... variables) {
            return api.get().uri(path, variables).headers(headers -> {
                        headers.setBearerAuth(token);
                        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                    })
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw RefusedAction.from(response.getStatusCode().value(),
                                    response.getBody().readAllBytes(), json);
                        }
                        long length = response.getHeaders().getContentLength();
                        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : CHUNK);
                        try (InputStream in = response.getBody()) {
                            byte[] chunk = new byte[CHUNK];
                            for (int read; (read = in.read(chunk)) != -1; ) {
                                body.write(chunk, 0, read);
                                progress.received(body.size(), length);
                            }
                        }
                        return new Download(body.toByteArray(), response.getHeaders());
                    });
        }

        public String text(String path, Object... variables) {
            return api.get().uri(path, variables).headers(headers -> headers.setBearerAuth(token)).retrieve()
                    .body(String.class);
        }
    }

    /** Told the bytes received so far and the length the answer announced ({@code -1} when it announced none). */
    @FunctionalInterface
    public interface Progress {
        void received(long bytes, long length);
    }
}
