package org.nrmplatform.infra.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The services' projections against the event store, as the fault suite and the restore drill check them: each case
 * projection must hold one document per case opened in the store, no more, no fewer.
 */
public final class ProjectionChecks {

    private ProjectionChecks() {
    }

    /**
     * For each case projection, {@code complete: ...} when it holds exactly the cases the store holds, else what
     * differs (printed). Waits until the store has taken no case for 10 s (a request a client gave up on may still
     * be carried out) and up to 2 minutes for each projection to catch up.
     */
    public static Map<String, String> compareWithTheStore(MongoClient client) throws InterruptedException {
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> stored = casesOpenedInTheStore(client);
        Instant settleBy = Instant.now().plus(Duration.ofMinutes(2));
        for (Instant unchangedSince = Instant.now(); Instant.now().isBefore(unchangedSince.plusSeconds(10))
                && Instant.now().isBefore(settleBy); ) {
            Thread.sleep(1_000);
            Set<String> now = casesOpenedInTheStore(client);
            if (!now.equals(stored)) {
                System.out.printf("%d cases opened in the store after the writers stopped%n",
                        now.size() - stored.size());
                stored = now;
                unchangedSince = Instant.now();
            }
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Map<String, String> projections = Map.of("case-service first_line_cases", "nrm_case/first_line_cases",
                "case-service case_statistics", "nrm_case/case_statistics",
                "referral-service case_states", "nrm_referral/case_states");
        for (Map.Entry<String, String> projection : projections.entrySet()) {
            String[] where = projection.getValue().split("/");
            MongoDatabase database = client.getDatabase(where[0]);
            long held;
            do { // one document per case (case_statistics keys it by a hash of the case id)
                held = database.getCollection(current(database, where[1])).countDocuments();
                if (held < stored.size()) {
                    Thread.sleep(1_000);
                }
            } while (held < stored.size() && Instant.now().isBefore(deadline));
            result.put(projection.getKey(), (held == stored.size() ? "complete: " : held < stored.size()
                    ? "MISSING: " : "MORE THAN THE STORE: ") + held + " cases held, " + stored.size()
                    + " in the store");
            if (held != stored.size() && !where[1].equals("case_statistics")) {
                Set<String> projected = new HashSet<>();
                database.getCollection(current(database, where[1])).find()
                        .forEach(view -> projected.add(String.valueOf(view.get("_id"))));
                Set<String> notStored = new HashSet<>(projected);
                notStored.removeAll(stored);
                Set<String> notProjected = new HashSet<>(stored);
                notProjected.removeAll(projected);
                System.out.printf("%s: cases projected but not in the store %s; in the store but not projected %s%n",
                        projection.getKey(), notStored, notProjected);
            }
        }
        return result;
    }

    /** The ids of the cases the event store holds a {@code CaseOpened} of. */
    public static Set<String> casesOpenedInTheStore(MongoClient client) {
        Set<String> stored = new HashSet<>();
        client.getDatabase("nrm_events").getCollection("events").find(Filters.regex("payloadType", "CaseOpened$"))
                .forEach(event -> stored.add(event.getString("aggregateIdentifier")));
        return stored;
    }

    /** The collection a rebuildable projection answers from (case-service's projection_versions). */
    private static String current(MongoDatabase database, String base) {
        Document version = database.getCollection("projection_versions")
                .find(Filters.eq("_id", base.replace('_', '-'))).first();
        int current = version == null ? 1 : version.getInteger("current", 1);
        return current == 1 ? base : base + "_v" + current;
    }
}
