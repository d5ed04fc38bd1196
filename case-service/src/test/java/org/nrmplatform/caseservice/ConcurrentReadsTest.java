package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.testing.ApiClient;
import org.nrmplatform.shared.testing.ApiClient.Answer;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent readers of the same cases: recording the reads never fails a read, and each case's read log
 * lists every list page that showed it.
 */
class ConcurrentReadsTest extends ApiTest {

    private static final int READERS = 6;
    private static final int PAGES_PER_READER = 15;
    private static final int CASES = 12;
    /** page and size of the list pages read, in turn: they overlap, so readers show the same cases at once. */
    private static final List<int[]> PAGES = List.of(new int[] {0, 8}, new int[] {1, 4}, new int[] {0, 12},
            new int[] {1, 6});

    ExecutorService readers;
    /** How many answered list pages showed each case. */
    final Map<String, AtomicInteger> shown = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        readers = Executors.newFixedThreadPool(READERS);
    }

    @AfterEach
    void tearDown() {
        readers.shutdownNow();
    }

    @Test
    void concurrentReadersOfOverlappingPagesAreAllAnsweredAndAllLogged() throws Exception {
        // an organisation of its own, so that its list holds only this test's cases
        ApiClient unit = as(Role.FIRST_LINE, UUID.randomUUID().toString());
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            UUID caseId = UUID.randomUUID();
            assertThat(unit.post("/api/cases", CaseRequests.openAdult(caseId)).status()).isEqualTo(201);
            caseIds.add(caseId.toString());
        }
        awaitProcessing().until(() -> read(unit, 0, 200).body().get("total").asLong() == CASES);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int reader = 0; reader < READERS; reader++) {
            int first = reader;
            statuses.add(readers.submit(() -> {
                start.await();
                List<Integer> answered = new ArrayList<>();
                for (int i = 0; i < PAGES_PER_READER; i++) {
                    int[] page = PAGES.get((first + i) % PAGES.size());
                    answered.add(read(unit, page[0], page[1]).status());
                }
                return answered;
            }));
        }
        start.countDown();
        for (Future<List<Integer>> reader : statuses) {
            assertThat(reader.get()).as("every list read answered").containsOnly(200);
        }

        ApiClient prosecutor = as(Role.PROSECUTOR, "0f6a3c1e-5555-4a2b-9c3d-000000000005");
        for (String caseId : caseIds) {
            JsonNode log = prosecutor.get("/api/cases/" + caseId + "/read-log").body();
            assertThat(log.get("complete").asBoolean()).isTrue();
            List<JsonNode> reads = log.get("reads").valueStream().toList();
            assertThat(reads).as("reads of %s", caseId).hasSize(shown.get(caseId).get())
                    .allSatisfy(read -> assertThat(read.get("view").asString()).isEqualTo("case-list"));
            assertThat(reads.stream().map(read -> read.get("sequence").asLong()).toList())
                    .isEqualTo(LongStream.range(0, reads.size()).boxed().toList());
        }
        assertThat(shown.values().stream().mapToInt(AtomicInteger::get).sum())
                .as("pages showed cases many times over").isGreaterThan(READERS * PAGES_PER_READER);
    }

    /** Reads a list page and counts the cases it showed. */
    private Answer read(ApiClient unit, int page, int size) {
        Answer answer = unit.get("/api/cases?page=" + page + "&size=" + size);
        if (answer.status() == 200) {
            answer.body().get("items").valueStream().forEach(item ->
                    shown.computeIfAbsent(item.get("id").asString(), id -> new AtomicInteger()).incrementAndGet());
        }
        return answer;
    }
}
