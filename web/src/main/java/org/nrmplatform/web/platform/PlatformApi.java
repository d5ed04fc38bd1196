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

    /**
     * The case's version a write answered: at the top of a case status, inside {@code status} where the answer
     * carries more (an indicator assessment answers its result beside the status). What a page waits for.
     */
    public static Object writtenVersion(Map<String, Object> answer) {
        return answer.get("status") instanceof Map<?, ?> status ? status.get("version") : answer.get("version");
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

    public List<Map<String, Object>> list(String path, Object... variables) {
        return api.get().uri(path, variables).retrieve().body(LIST);
    }

    public Map<String, Object> post(String path, Object body, Object... variables) {
        return api.post().uri(path, variables).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(OBJECT);
    }
}
