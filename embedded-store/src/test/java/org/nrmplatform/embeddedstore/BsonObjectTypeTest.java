package org.nrmplatform.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class BsonObjectTypeTest {

    private final BsonObjectType type = new BsonObjectType();

    private static Document everyKindOfValue() {
        return new Document("_id", new ObjectId())
                .append("caseId", UUID.randomUUID())
                .append("sequence", 42L).append("count", 7).append("share", 0.25)
                .append("amount", new Decimal128(new BigDecimal("12.50")))
                .append("name", "Петровић Petrović").append("none", null).append("flag", true)
                .append("at", Instant.parse("2026-12-07T12:00:00.123Z"))
                .append("bytes", new BinData(new byte[] {1, 2, 3}))
                .append("list", List.of("a", 1L, new Document("nested", List.of()), List.of(2, 3)))
                .append("subject", new Document("givenName", new Document("ciphertext", "xyz")));
    }

    private Object roundTrip(Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        buffer.put((byte) 99); // whatever follows a value is left for the next one
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        Object read = type.read(written);
        assertThat(written.get()).isEqualTo((byte) 99);
        return read;
    }

    @Test
    void documentsAndTheirValuesReadBackAsTheyWereWritten() {
        Document document = everyKindOfValue();
        assertThat(roundTrip(document)).isEqualTo(document);
        assertThat(((Document) roundTrip(document)).keySet()).containsExactlyElementsOf(document.keySet());
    }

    @Test
    void keysAndPositionsReadBackAsTheyWereWritten() {
        KeyValue key = new KeyValue("case-1", 3L, new Document("a", 1));
        assertThat(roundTrip(key)).isEqualTo(key);
        ObjectId id = new ObjectId();
        assertThat(roundTrip(id)).isEqualTo(id);
        for (Object value : Arrays.asList(Instant.EPOCH, MinKey.getInstance(), MaxKey.getInstance(), List.of(1, "x"),
                "text", 12L, 5, UUID.randomUUID(), null, 1.5)) {
            assertThat(roundTrip(value)).isEqualTo(value);
        }
    }

    /** A file written before holds H2's Java serialization: it must read as it is, beside values written now. */
    @Test
    void valuesWrittenByH2sOwnTypeStillRead() {
        ObjectDataType h2 = new ObjectDataType();
        WriteBuffer buffer = new WriteBuffer();
        Document document = everyKindOfValue();
        KeyValue key = new KeyValue("case-1", 3L);
        h2.write(buffer, document);
        h2.write(buffer, key);
        h2.write(buffer, 12L);
        type.write(buffer, document);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        assertThat(type.read(written)).isEqualTo(document);
        assertThat(type.read(written)).isEqualTo(key);
        assertThat(type.read(written)).isEqualTo(12L);
        assertThat(type.read(written)).isEqualTo(document);
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void bsonIsSmallerThanJavaSerialization() {
        WriteBuffer bson = new WriteBuffer();
        WriteBuffer serialized = new WriteBuffer();
        type.write(bson, everyKindOfValue());
        new ObjectDataType().write(serialized, everyKindOfValue());
        assertThat(bson.position()).isLessThan(serialized.position() / 2);
    }

    /** Numbers, strings and UUIDs keep H2's compact encodings, which files written before hold too. */
    @Test
    void h2sOwnEncodingsAreKeptForWhatItDoesNotSerialize() {
        for (Object value : List.of("text", 12L, 5, UUID.randomUUID())) {
            WriteBuffer ours = new WriteBuffer();
            WriteBuffer h2s = new WriteBuffer();
            type.write(ours, value);
            new ObjectDataType().write(h2s, value);
            ByteBuffer a = ours.getBuffer().flip();
            ByteBuffer b = h2s.getBuffer().flip();
            assertThat(a).isEqualTo(b);
        }
    }
}
