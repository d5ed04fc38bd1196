package org.nrmplatform.web.platform;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nrmplatform.web.WebProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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

    PlatformApi(WebProperties properties, OAuth2AuthorizedClientManager clients, JsonMapper json) {
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(clients);
        token.setClientRegistrationIdResolver(request -> "nrm");
        JdkClientHttpRequestFactory calls = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        calls.setReadTimeout(properties.apiTimeout());
        this.api = RestClient.builder().baseUrl(properties.api().toString()).requestFactory(calls)
                .requestInterceptor(token)
                .defaultStatusHandler(HttpStatusCode::isError,
                        (request, response) -> {
                            throw RefusedAction.from(response.getStatusCode().value(),
                                    response.getBody().readAllBytes(), json);
                        })
                .build();
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

    /** A form's request to post, answered as every page answers one (see {@link Submission}). */
    public Submission submit(String path, Object request, Object... variables) {
        return new Submission(this, path, request, variables);
    }

    public Map<String, Object> post(String path, Object body, Object... variables) {
        return api.post().uri(path, variables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(OBJECT);
    }
}
