package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;

/** Concurrent writers: nothing acknowledged is lost, nothing is duplicated, conflicts are a 409. */
class ConcurrentWritesTest extends ApiTest {

    ExecutorService writers;

    @BeforeEach
    void setUp() {
        writers = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void tearDown() {
        writers.shutdownNow();
    }

    /** Runs the calls at the same instant and returns their HTTP statuses. */
    private List<Integer> together(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            futures.add(writers.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }
        return statuses;
    }

    private UUID assessedCase() {
        UUID caseId = UUID.randomUUID();
        assertThat(firstLine.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
        assertThat(firstLine.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment())
                .status()).isEqualTo(201);
        return caseId;
    }

    @Test
    void twoConcurrentFlagsOfTheSameCaseGiveOneSuccessAndOneConflict() throws Exception {
        UUID caseId = assessedCase();
        Callable<Integer> flag = () -> firstLine.post("/api/cases/" + caseId + "/presumed-victim",
                CaseRequests.presumedVictim()).status();
        assertThat(together(List.of(flag, flag))).containsExactlyInAnyOrder(200, 409);
        assertThat(as(Role.CASE_MANAGER, POLICE).get("/api/cases/" + caseId + "/history").body().get("events").size()).isEqualTo(3);
    }

    @Test
    void twoConcurrentChangesBasedOnTheSameVersionGiveOneSuccessAndOneConflict() throws Exception {
        UUID caseId = assessedCase();
        Callable<Integer> consent = () -> firstLine.post("/api/cases/" + caseId + "/consents",
                CaseRequests.consent(UUID.randomUUID()), Map.of("If-Match", "\"1\"")).status();
        assertThat(together(List.of(consent, consent))).containsExactlyInAnyOrder(201, 409);
        assertThat(as(Role.CASE_MANAGER, POLICE).get("/api/cases/" + caseId + "/history").body().get("events").size()).isEqualTo(3);
    }

    @Test
    void everyAcknowledgedEventOfManyConcurrentWritersReachesTheCaseViews() throws Exception {
        // an organisation of its own, so that the count below holds only this test's cases
        ApiClient unit = as(Role.FIRST_LINE, UUID.randomUUID().toString());
        int cases = 40;
        List<Callable<Integer>> calls = new ArrayList<>();
        List<UUID> caseIds = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            UUID caseId = UUID.randomUUID();
            caseIds.add(caseId);
            calls.add(() -> {
                unit.post("/api/cases", CaseRequests.openAdult(caseId));
                unit.post("/api/cases/" + caseId + "/indicator-assessments", CaseRequests.labourAssessment());
                unit.post("/api/cases/" + caseId + "/presumed-victim", CaseRequests.presumedVictim());
                return unit.post("/api/cases/" + caseId + "/consents", CaseRequests.consent(UUID.randomUUID())).status();
            });
        }
        assertThat(together(calls)).containsOnly(201);

        awaitProcessing().untilAsserted(() -> {
            for (UUID caseId : caseIds) {
                var view = unit.get("/api/cases/" + caseId);
                assertThat(view.status()).isEqualTo(200);
                assertThat(view.body().get("version").asLong()).isEqualTo(3);
                assertThat(view.body().get("assessments").size()).isEqualTo(1);
                assertThat(view.body().get("consents").size()).isEqualTo(1);
            }
        });
        assertThat(unit.get("/api/cases?size=200").body().get("total").asLong()).isEqualTo(cases);
    }
}
