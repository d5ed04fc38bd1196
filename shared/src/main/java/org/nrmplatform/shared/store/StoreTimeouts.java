package org.nrmplatform.shared.store;

import com.mongodb.ConnectionString;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.validation.annotation.Validated;

/**
 * How long a service waits for the store before it gives up on a request. The driver's own defaults (30 s to
 * find a server, no limit on a read) leave a request hanging while the store is down or paused; with these, a
 * request during an outage fails within {@code serverSelection} (or {@code socket} on a connection that stops
 * answering) and the caller gets a 503 with Retry-After. The driver reconnects by itself once the store is back.
 * An option given in the store URI ({@code serverSelectionTimeoutMS}, {@code connectTimeoutMS},
 * {@code socketTimeoutMS}) wins over these.
 *
 * @param connect         to open a connection (also the heartbeat's limit)
 * @param serverSelection to find a reachable server for an operation: how fast requests fail while it is down
 * @param socket          to wait for the answer to one operation on an open connection; longer than any
 *                        legitimate operation (a rebuild batch, the statistics) and than a short pause of the store
 */
@Validated
@ConfigurationProperties("nrm.store.timeouts")
public record StoreTimeouts(
        @DefaultValue("2s") @DurationMin(millis = 1) Duration connect,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration serverSelection,
        @DefaultValue("20s") @DurationMin(millis = 1) Duration socket) {

    /** Applies the timeouts the connection string does not set itself. */
    MongoClientSettingsBuilderCustomizer customizer(ConnectionString uri) {
        return builder -> builder
                .applyToClusterSettings(cluster -> {
                    if (uri.getServerSelectionTimeout() == null) {
                        cluster.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS);
                    }
                })
                .applyToSocketSettings(socketSettings -> {
                    if (uri.getConnectTimeout() == null) {
                        socketSettings.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    if (uri.getSocketTimeout() == null) {
                        socketSettings.readTimeout((int) socket.toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
    }
}
