package org.nrmplatform.accesstokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nrmplatform.contracts.identity.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads identity-service's revocations ({@link Revocations#PATH}) every poll interval on a thread of its own, so
 * that a revoked token, or a token of a deactivated account or client, is refused within about that interval.
 * While identity-service cannot be reached the last revocations read stay in force.
 */
public final class PolledRevocations implements RevocationSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolledRevocations.class);
    /** Reads identity-service's own list (its format is the record in contracts). */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "token-revocations");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Revocations latest;
    private volatile boolean failing;

    public PolledRevocations(URI uri, Duration interval) {
        this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Revocations> current() {
        return Optional.ofNullable(latest);
    }

    private void poll() {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            latest = JSON.readValue(response.body(), Revocations.class);
            if (failing) {
                log.info("Token revocations are read from {} again", request.uri());
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                log.warn("Token revocations cannot be read from {} ({}); the last ones read stay in force",
                        request.uri(), e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
