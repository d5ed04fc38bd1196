package org.nrmplatform.caseservice.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The daily runs' claims on the embedded store: each day's run is taken by one instance, never again once done,
 * and taken over when the instance running it died (its lease lapsed), so a restart neither loses nor repeats a day.
 */
class RetentionRunsTest {

    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final LocalDate DAY = LocalDate.of(2031, 3, 10);
    private static final Instant NOW = Instant.parse("2031-03-10T02:00:30Z");

    private com.mongodb.client.MongoClient client;
    private RetentionRuns runs;

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.uri());
        runs = new RetentionRuns(new MongoTemplate(client, "retention_" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterEach
    void closeStore() {
        client.close();
    }

    @Test
    void oneInstanceRunsADayAndNoneRunsItAgainOnceDone() {
        assertThat(runs.claim(DAY, "a", NOW, LEASE)).isTrue();
        assertThat(runs.claim(DAY, "b", NOW, LEASE)).as("while a runs it").isFalse();
        runs.done(DAY, "a", NOW.plusSeconds(5), 3, 1, 0, 0);
        assertThat(runs.claim(DAY, "b", NOW.plus(LEASE).plusSeconds(1), LEASE)).as("done").isFalse();
        assertThat(runs.claim(DAY, "a", NOW.plusSeconds(60), LEASE)).as("done, even for its runner").isFalse();
        RetentionRuns.Run run = runs.latest(7).get(0);
        assertThat(run.id()).isEqualTo(DAY.toString());
        assertThat(run.state()).isEqualTo("DONE");
        assertThat(run.erased()).isEqualTo(3);
        assertThat(run.requested()).isEqualTo(1);
    }

    @Test
    void aDayWhoseRunnerDiedIsTakenOverOnceItsLeaseLapses() {
        assertThat(runs.claim(DAY, "a", NOW, LEASE)).isTrue();
        assertThat(runs.claim(DAY, "b", NOW.plus(LEASE).minusSeconds(1), LEASE)).isFalse();
        assertThat(runs.claim(DAY, "b", NOW.plus(LEASE).plusSeconds(1), LEASE)).isTrue();
        runs.done(DAY, "a", NOW.plus(LEASE).plusSeconds(2), 9, 9, 9, 9);
        assertThat(runs.latest(1).get(0).state()).as("the lapsed runner's report does not count").isEqualTo("RUNNING");
        runs.done(DAY, "b", NOW.plus(LEASE).plusSeconds(3), 1, 0, 0, 0);
        assertThat(runs.latest(1).get(0).erased()).isEqualTo(1);
    }

    @Test
    void eachDayIsItsOwnRunAndTheLatestAreListedFirst() {
        assertThat(runs.claim(DAY, "a", NOW, LEASE)).isTrue();
        runs.done(DAY, "a", NOW, 0, 0, 0, 0);
        assertThat(runs.claim(DAY.plusDays(1), "a", NOW.plus(Duration.ofDays(1)), LEASE)).isTrue();
        assertThat(runs.latest(7)).extracting(RetentionRuns.Run::id)
                .containsExactly(DAY.plusDays(1).toString(), DAY.toString());
    }
}
