package org.nrmplatform.shared.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrmplatform.evidence.ChainVerification;
import org.nrmplatform.evidence.Checkpoint;
import org.nrmplatform.evidence.EventHash;
import org.nrmplatform.evidence.HeadTree;
import org.nrmplatform.evidence.SigningKey;
import org.nrmplatform.evidence.StoredEvent;
import org.nrmplatform.evidence.StreamEvidence;
import org.nrmplatform.evidence.VerificationReport;
import org.nrmplatform.evidence.VerificationReport.Finding;
import org.nrmplatform.evidence.VerificationReport.Problem;
import org.nrmplatform.shared.testing.EmbeddedStore;

/**
 * The hash chain as the storage engine writes it, and checkpoints over it, on the embedded server: every
 * appended event carries its predecessor's hash and its own, also when the predecessor was appended by another
 * instance, without a read of the predecessor when this instance appended it; and tampering directly in the
 * database (an edited payload, an event removed from the middle or the end of a stream, a whole stream
 * removed, two events swapped) is named by the verification.
 */
class EvidenceStoreTest {

    record Noted(String text) {
    }

    private final Serializer serializer = EventStoreConfiguration.jsonSerializer();
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private MongoClient client;
    private EventDatabase database;
    private SigningKey key;

    @TempDir
    Path keys;

    static EvidenceProperties evidence(String keyFile) {
        return new EvidenceProperties(true, 10_000, new EvidenceProperties.Checkpoints(keyFile != null,
                Duration.ofMinutes(5), Duration.ZERO, keyFile, true));
    }

    @BeforeEach
    void store() throws Exception {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedStore.uri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommandName() + " " + event.getCommand()
                                .getString(event.getCommandName()).getValue());
                    }
                })
                .build());
        database = EventDatabase.withoutTransactions(client, "events_" + UUID.randomUUID().toString().substring(0, 8));
        key = EventStoreConfiguration.signingKey(evidence(keys.resolve("checkpoint.pem").toString()).checkpoints());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private SequencedMongoEventStorageEngine engine(boolean hashChain) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(database).hashChain(hashChain).eventSerializer(serializer).snapshotSerializer(serializer)
                .build();
        engine.ensureSchema();
        return engine;
    }

    private CheckpointWriter writer() {
        return new CheckpointWriter(database, key, evidence("unused").checkpoints(), Clock.systemUTC());
    }

    private EventEvidence evidenceReader() {
        return new EventEvidence(database, 1000, key);
    }

    private static DomainEventMessage<Noted> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregate, sequence, new Noted("note " + sequence),
                MetaData.with("correlationId", "c-" + sequence));
    }

    private static EventMessage<?>[] events(String aggregate, int from, int to) {
        return IntStream.range(from, to).mapToObj(sequence -> event(aggregate, sequence)).toArray(EventMessage[]::new);
    }

    private MongoCollection<Document> stored() {
        return database.outsideTransactions().getCollection(EventDocuments.EVENTS);
    }

    private List<StoredEvent> storedStream(String aggregate) {
        List<StoredEvent> events = new ArrayList<>();
        stored().find(eq(EventDocuments.AGGREGATE_IDENTIFIER, aggregate)).sort(Sorts.ascending("sequenceNumber"))
                .forEach(document -> events.add(EventDocuments.stored(document)));
        return events;
    }

    @Test
    void everyEventCarriesItsPredecessorsHashAndItsOwn() {
        String id = UUID.randomUUID().toString();
        SequencedMongoEventStorageEngine engine = engine(true);
        engine.appendEvents(events(id, 0, 2));
        engine.appendEvents(event(id, 2));
        List<StoredEvent> stream = storedStream(id);
        assertThat(stream).hasSize(3);
        assertThat(stream.get(0).previousHash()).isEqualTo(EventHash.GENESIS);
        for (int i = 0; i < stream.size(); i++) {
            StoredEvent event = stream.get(i);
            assertThat(EventHash.wellFormed(event.hash())).isTrue();
            assertThat(EventHash.of(event)).as("hash of sequence %d", i).isEqualTo(event.hash());
            if (i > 0) {
                assertThat(event.previousHash()).isEqualTo(stream.get(i - 1).hash());
            }
        }
        assertThat(ChainVerification.verify(List.of(new StreamEvidence(id, "Note", stream, null)), null, null)
                .status()).isEqualTo(VerificationReport.Status.INTACT);
    }

    @Test
    void anAppendAfterThisInstancesOwnReadsNoPredecessor() {
        String id = UUID.randomUUID().toString();
        SequencedMongoEventStorageEngine engine = engine(true);
        engine.appendEvents(event(id, 0));
        commands.clear();
        engine.appendEvents(event(id, 1));
        assertThat(commands).as("an append whose predecessor this instance appended")
                .noneMatch(command -> command.equals("find " + EventDocuments.EVENTS));
        assertThat(storedStream(id).get(1).previousHash()).isEqualTo(storedStream(id).get(0).hash());
    }

    @Test
    void aPredecessorAppendedByAnotherInstanceIsReadAndAStaleCacheNeverChainsWrongly() {
        String id = UUID.randomUUID().toString();
        SequencedMongoEventStorageEngine first = engine(true);
        SequencedMongoEventStorageEngine second = engine(true);
        first.appendEvents(events(id, 0, 2));
        second.appendEvents(event(id, 2)); // first's cache still says the stream ends at 1
        assertThatThrownBy(() -> first.appendEvents(event(id, 2))).isInstanceOf(ConcurrencyException.class);
        commands.clear();
        first.appendEvents(event(id, 3));
        assertThat(commands).contains("find " + EventDocuments.EVENTS);
        List<StoredEvent> stream = storedStream(id);
        assertThat(stream).extracting(StoredEvent::sequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(stream.get(2).previousHash()).isEqualTo(stream.get(1).hash());
        assertThat(stream.get(3).previousHash()).isEqualTo(stream.get(2).hash());
        assertThat(ChainVerification.verify(List.of(new StreamEvidence(id, "Note", stream, null)), null, null)
                .intact()).isTrue();
    }

    @Test
    void withTheChainOffEventsAreStoredWithoutHashesAndReportedAsNotChained() {
        String id = UUID.randomUUID().toString();
        engine(false).appendEvents(events(id, 0, 2));
        engine(true).appendEvents(event(id, 2));
        List<StoredEvent> stream = storedStream(id);
        assertThat(stream.get(0).hash()).isNull();
        assertThat(stream.get(1).hash()).isNull();
        assertThat(stream.get(2).previousHash()).as("a chain starts after unchained events").isEqualTo(EventHash.GENESIS);
        VerificationReport report = ChainVerification.verify(List.of(new StreamEvidence(id, "Note", stream, null)),
                null, null);
        assertThat(report.status()).isEqualTo(VerificationReport.Status.NOT_CHAINED);
        assertThat(report.findings()).extracting(Finding::problem).containsExactly(Problem.NOT_CHAINED);
    }

    @Test
    void aCheckpointSignsTheHeadsOfAllStreamsAndIsWrittenOnlyWhenEventsSettled() {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        SequencedMongoEventStorageEngine engine = engine(true);
        engine.appendEvents(events(a, 0, 3));
        engine.appendEvents(events(b, 0, 2));
        CheckpointWriter writer = writer();
        Checkpoint checkpoint = writer.write().orElseThrow();
        assertThat(checkpoint.number()).isEqualTo(1);
        assertThat(checkpoint.streams()).isEqualTo(2);
        assertThat(checkpoint.globalIndex()).isEqualTo(5);
        assertThat(checkpoint.signatureVerifies(key.publicKey())).isTrue();
        assertThat(writer.write()).as("nothing new").isEmpty();

        engine.appendEvents(event(a, 3));
        Checkpoint next = writer().write().orElseThrow(); // a fresh writer starts from the stored heads
        assertThat(next.number()).isEqualTo(2);
        HeadTree tree = evidenceReader().headsAt(next);
        assertThat(tree.root()).isEqualTo(next.root());
        assertThat(tree.heads().get(tree.indexOf(a)).sequenceNumber()).isEqualTo(3);
        assertThat(tree.heads().get(tree.indexOf(b)).sequenceNumber()).isEqualTo(1);
        assertThat(evidenceReader().latestCheckpoint()).contains(next);
    }

    @Test
    void anEventOfNoAggregateStaysOutOfTheChainAndTheCheckpoints() {
        String id = UUID.randomUUID().toString();
        SequencedMongoEventStorageEngine engine = engine(true);
        EventMessage<?> plain = GenericEventMessage.asEventMessage(new Noted("no aggregate"));
        engine.appendEvents(event(id, 0), plain, event(id, 1));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("again none")), event(id, 2));

        Document stored = stored().find(eq(EventDocuments.EVENT_IDENTIFIER, plain.getIdentifier())).first();
        assertThat(stored).doesNotContainKeys(EventDocuments.PREVIOUS_HASH, EventDocuments.HASH);
        List<StoredEvent> stream = storedStream(id);
        assertThat(stream).extracting(StoredEvent::sequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(stream.get(1).previousHash()).isEqualTo(stream.get(0).hash());
        assertThat(stream.get(2).previousHash()).isEqualTo(stream.get(1).hash());

        Checkpoint checkpoint = writer().write().orElseThrow();
        assertThat(checkpoint.globalIndex()).isEqualTo(5);
        assertThat(checkpoint.streams()).as("the aggregate's stream only").isEqualTo(1);
        EventEvidence evidence = evidenceReader();
        HeadTree tree = evidence.headsAt(checkpoint);
        assertThat(ChainVerification.verify(List.of(evidence.stream("Note", id, tree)), checkpoint, key.publicKey())
                .status()).isEqualTo(VerificationReport.Status.INTACT);
    }

    @Test
    void tamperingInTheDatabaseIsNamed() {
        String edited = "edited-" + UUID.randomUUID();
        String holed = "holed-" + UUID.randomUUID();
        String truncated = "truncated-" + UUID.randomUUID();
        String vanished = "vanished-" + UUID.randomUUID();
        String swapped = "swapped-" + UUID.randomUUID();
        String intact = "intact-" + UUID.randomUUID();
        SequencedMongoEventStorageEngine engine = engine(true);
        for (String id : List.of(edited, holed, truncated, vanished, swapped, intact)) {
            engine.appendEvents(events(id, 0, 4));
        }
        writer().write().orElseThrow();
        engine.appendEvents(event(intact, 4)); // newer than the checkpoint: checked by its chain

        stored().updateOne(eq(EventDocuments.AGGREGATE_KEY, edited + "#1"), Updates.set(EventDocuments.PAYLOAD,
                "{\"text\":\"something else\"}"));
        stored().deleteOne(eq(EventDocuments.AGGREGATE_KEY, holed + "#2"));
        stored().deleteOne(eq(EventDocuments.AGGREGATE_KEY, truncated + "#3"));
        stored().deleteMany(eq(EventDocuments.AGGREGATE_IDENTIFIER, vanished));
        swap(swapped + "#1", swapped + "#2");

        EventEvidence evidence = evidenceReader();
        Checkpoint checkpoint = evidence.latestCheckpoint().orElseThrow();
        HeadTree tree = evidence.headsAt(checkpoint);
        VerificationReport report = ChainVerification.verify(
                List.of(edited, holed, truncated, vanished, swapped, intact).stream()
                        .map(id -> evidence.stream("Note", id, tree)).toList(),
                checkpoint, key.publicKey());

        assertThat(report.status()).isEqualTo(VerificationReport.Status.TAMPERED);
        assertThat(report.firstProblem()).isEqualTo(report.findings().get(0));
        assertThat(report.findings()).extracting(Finding::problem, Finding::aggregateIdentifier,
                Finding::sequenceNumber).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Problem.ALTERED, edited, 1L),
                org.assertj.core.groups.Tuple.tuple(Problem.REMOVED, holed, 2L),
                org.assertj.core.groups.Tuple.tuple(Problem.REMOVED, truncated, 3L),
                org.assertj.core.groups.Tuple.tuple(Problem.REMOVED, vanished, 0L),
                org.assertj.core.groups.Tuple.tuple(Problem.REORDERED, swapped, 1L),
                org.assertj.core.groups.Tuple.tuple(Problem.REORDERED, swapped, 2L));
        assertThat(report.eventsAfterCheckpoint()).isEqualTo(1);
    }

    /** Moves two events to each other's place in their stream, changing nothing else. */
    private void swap(String firstKey, String secondKey) {
        Document first = stored().find(eq(EventDocuments.AGGREGATE_KEY, firstKey)).first();
        Document second = stored().find(eq(EventDocuments.AGGREGATE_KEY, secondKey)).first();
        stored().updateOne(eq("_id", first.get("_id")), Updates.set(EventDocuments.AGGREGATE_KEY, "moving"));
        stored().updateOne(eq("_id", second.get("_id")), Updates.combine(
                Updates.set(EventDocuments.AGGREGATE_KEY, firstKey),
                Updates.set(EventDocuments.SEQUENCE_NUMBER, first.getLong(EventDocuments.SEQUENCE_NUMBER))));
        stored().updateOne(eq("_id", first.get("_id")), Updates.combine(
                Updates.set(EventDocuments.AGGREGATE_KEY, secondKey),
                Updates.set(EventDocuments.SEQUENCE_NUMBER, second.getLong(EventDocuments.SEQUENCE_NUMBER))));
    }
}
