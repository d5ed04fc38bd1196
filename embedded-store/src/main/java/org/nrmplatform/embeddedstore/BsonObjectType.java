package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's type for any object, writing documents and the other MongoDB values that it would put through Java
 * serialization as BSON instead: Java serialization was 40% of the store's CPU while cases were opened (every
 * page read from the file or written at a checkpoint went through it) and makes a document two to three times
 * larger than its BSON. Values keep H2's order ({@link #compare} is unchanged), so a map keeps its keys' order.
 *
 * <p>Each BSON value is written behind a tag that H2's own type never writes, and {@link #read} leaves every
 * other tag to H2: a file written before reads as it is, and its pages are written as BSON when next written
 * (a checkpoint, a compaction). A file once written so cannot be read by a store of an earlier build.
 */
class BsonObjectType extends ObjectDataType {

    /** A document: its BSON. */
    static final byte TAG_DOCUMENT = 120;
    /** An index key: its values as the BSON array of a one-field document. */
    static final byte TAG_INDEX_KEY = 121;
    /** Another MongoDB value: a one-field document holding it. */
    static final byte TAG_VALUE = 122;

    private static final String FIELD = "v";
    /** H2 counts a page's memory by its values' estimates; as it did for serialized ones, twice the bytes written. */
    private static final int MEMORY_PER_BYTE = 2;

    /** A moving average of the memory estimate, as H2 keeps for serialized objects (racy, as theirs: an estimate). */
    private volatile int averageMemory = 1_000;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        byte tag = tagOf(obj);
        byte[] bson = tag == 0 ? null : bson(tag, obj);
        if (bson == null) {
            super.write(buff, obj);
            return;
        }
        averageMemory = (int) ((bson.length * MEMORY_PER_BYTE + 15L * averageMemory) / 16);
        buff.put(tag).putVarInt(bson.length).put(bson);
    }

    /** The value's BSON, or null for one that BSON cannot hold (an index key of a missing field, say). */
    private static byte[] bson(byte tag, Object obj) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            switch (tag) {
                case TAG_DOCUMENT -> BsonEncoder.encodeDocument((Document) obj, bson);
                case TAG_INDEX_KEY -> BsonEncoder.encodeDocument(new Document(FIELD, ((KeyValue) obj).stream().toList()),
                        bson);
                default -> BsonEncoder.encodeDocument(new Document(FIELD, obj), bson);
            }
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            return bytes;
        } catch (IllegalArgumentException notBson) {
            return null;
        } finally {
            bson.release();
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag != TAG_DOCUMENT && tag != TAG_INDEX_KEY && tag != TAG_VALUE) {
            return super.read(buff);
        }
        buff.get();
        int length = DataUtils.readVarInt(buff);
        ByteBuffer slice = buff.slice();
        slice.limit(length);
        buff.position(buff.position() + length);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
        return switch (tag) {
            case TAG_DOCUMENT -> document;
            case TAG_INDEX_KEY -> new KeyValue((List<?>) document.get(FIELD));
            default -> document.get(FIELD);
        };
    }

    @Override
    public int getMemory(Object obj) {
        return tagOf(obj) == 0 ? super.getMemory(obj) : averageMemory;
    }

    /** The tag this type writes the value with, or 0 where H2's own encoding is kept (numbers, strings, UUIDs). */
    private static byte tagOf(Object obj) {
        if (obj instanceof Document) {
            return TAG_DOCUMENT;
        }
        if (obj instanceof KeyValue) {
            return TAG_INDEX_KEY;
        }
        if (obj instanceof ObjectId || obj instanceof Instant || obj instanceof BinData || obj instanceof Decimal128
                || obj instanceof List || obj instanceof LegacyUUID || obj instanceof BsonTimestamp
                || obj instanceof MinKey || obj instanceof MaxKey) {
            return TAG_VALUE;
        }
        return 0;
    }
}
