package org.nrmplatform.caseservice.audit;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.shared.store.EventEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Verifications of the whole store (docs/evidence.md, "The whole store"): every stream there is evidence of,
 * whatever aggregate it belongs to, and every stream the latest checkpoint signed, checked one at a time against
 * its chain and that checkpoint. A case's verification reads the streams of one case; this one is what a restore
 * drill, an upgrade or an auditor needs: that nothing anywhere was altered, removed or added.
 *
 * <p>One runs at a time, on a thread of its own, and reports its progress while it runs. Results stay in memory
 * (the last {@value #KEPT}): a verification changes nothing and is simply run again after a restart.
 */
@Component
class StoreVerifications {

    private static final Logger log = LoggerFactory.getLogger(StoreVerifications.class);
    private static final int KEPT = 20;

    enum State {
        RUNNING, DONE, FAILED
    }

    /** A verification as far as it got; {@code report} once it is done. */
    record Progress(UUID id, State state, String startedBy, Instant startedAt, Instant finishedAt,
                    int streamsChecked, Integer streamsTotal, int eventsChecked, VerificationReport report,
                    String failure) {
    }

    private final EventEvidence evidence;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "nrm-store-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Progress> verifications = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Progress> eldest) {
            return size() > KEPT;
        }
    };
    private UUID running;

    StoreVerifications(EventEvidence evidence, Clock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * Starts a verification and answers at once.
     *
     * @throws ResponseStatusException 409 while another one runs (its address in the message)
     */
    synchronized Progress start(String startedBy) {
        if (running != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A verification of the whole store is running "
                    + "already: /api/audit/store-verifications/" + running);
        }
        UUID id = UUID.randomUUID();
        Progress started = new Progress(id, State.RUNNING, startedBy, clock.instant(), null, 0, null, 0, null, null);
        verifications.put(id, started);
        running = id;
        worker.execute(() -> run(started));
        return started;
    }

    synchronized Optional<Progress> progress(UUID id) {
        return Optional.ofNullable(verifications.get(id));
    }

    private void run(Progress started) {
        UUID id = started.id();
        try {
            Optional<Checkpoint> checkpoint = evidence.latestCheckpoint();
            HeadTree tree = checkpoint.map(evidence::headsAt).orElse(null);
            SortedSet<String> streams = evidence.streamIdentifiers(tree);
            log.info("Verifying the whole store: {} streams, against {}", streams.size(),
                    checkpoint.map(c -> "checkpoint " + c.number()).orElse("no checkpoint yet"));
            ChainVerification verification = ChainVerification.against(checkpoint.orElse(null),
                    evidence.signingKey().map(SigningKey::publicKey).orElse(null));
            int checked = 0;
            for (String stream : streams) {
                verification.check(evidence.stream(null, stream, tree));
                checked++;
                if (checked % 100 == 0) {
                    update(id, checked, streams.size(), verification.events(), State.RUNNING, null, null);
                }
            }
            VerificationReport report = verification.report();
            update(id, checked, streams.size(), report.events(), State.DONE, report, null);
            log.info("Verification of the whole store done: {}", report.summary());
        } catch (RuntimeException e) {
            log.error("Verification of the whole store failed", e);
            Progress last = progress(id).orElse(started);
            update(id, last.streamsChecked(), last.streamsTotal(), last.eventsChecked(), State.FAILED, null,
                    "the store could not be read to the end: " + e.getMessage());
        }
    }

    private synchronized void update(UUID id, int checked, Integer total, int events, State state,
                                     VerificationReport report, String failure) {
        Progress last = verifications.get(id);
        if (last == null) {
            return;
        }
        boolean finished = state != State.RUNNING;
        verifications.put(id, new Progress(id, state, last.startedBy(), last.startedAt(),
                finished ? clock.instant() : null, checked, total, events, report, failure));
        if (finished) {
            running = null;
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
