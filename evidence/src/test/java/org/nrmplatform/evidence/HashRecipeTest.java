package org.nrmplatform.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The recipe docs/evidence.md gives outsiders, pinned: the exact bytes an event hash is computed over, and
 * the Merkle tree's inclusion proofs for every leaf of trees of 1 to 33 streams.
 */
class HashRecipeTest {

    static final StoredEvent EVENT = new StoredEvent(42, "3f1c8a52-0000-4000-8000-000000000001", 1, "Case",
            "e-1", "2026-11-20T09:30:00.000Z", "org.nrmplatform.contracts.cases.Events$PresumedVictimFlagged", null,
            "{\"grounds\":\"Ana Petrović\",\"n\":9007199254740993}", "{\"userId\":\"u-1\"}", EventHash.GENESIS, null);

    @Test
    void theHashIsSha256OverTheRfc8785FormOfTheStoredFields() {
        String canonical = new String(EventHash.canonicalForm(EVENT), StandardCharsets.UTF_8);
        assertThat(canonical).isEqualTo("{\"aggregateIdentifier\":\"3f1c8a52-0000-4000-8000-000000000001\","
                + "\"aggregateType\":\"Case\",\"eventIdentifier\":\"e-1\",\"globalIndex\":42,"
                + "\"metaData\":\"{\\\"userId\\\":\\\"u-1\\\"}\","
                + "\"payload\":\"{\\\"grounds\\\":\\\"Ana Petrović\\\",\\\"n\\\":9007199254740993}\","
                + "\"payloadRevision\":null,"
                + "\"payloadType\":\"org.nrmplatform.contracts.cases.Events$PresumedVictimFlagged\","
                + "\"previousHash\":\"" + "0".repeat(64) + "\",\"sequenceNumber\":1,"
                + "\"timestamp\":\"2026-11-20T09:30:00.000Z\"}");
        assertThat(EventHash.of(EVENT)).isEqualTo(EventHash.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(EventHash.of(EVENT.withHashes(EventHash.GENESIS, "ignored"))).isEqualTo(EventHash.of(EVENT));
    }

    @Test
    void aLargeIntegerInsideThePayloadIsHashedAsStored() {
        StoredEvent rounded = new StoredEvent(42, EVENT.aggregateIdentifier(), 1, "Case", "e-1", EVENT.timestamp(),
                EVENT.payloadType(), null, EVENT.payload().replace("993", "992"), EVENT.metaData(), EventHash.GENESIS,
                null);
        assertThat(EventHash.of(rounded)).isNotEqualTo(EventHash.of(EVENT));
    }

    @Test
    void everyStreamHeadIsProvenInTreesOfEverySize() {
        for (int size = 1; size <= 33; size++) {
            List<StreamHead> heads = new ArrayList<>();
            IntStream.range(0, size).forEach(i -> heads.add(new StreamHead("stream-" + (char) ('a' + i % 26) + i, i,
                    EventHash.sha256(new byte[]{(byte) i}))));
            HeadTree tree = HeadTree.of(heads);
            for (int index = 0; index < size; index++) {
                StreamHead head = tree.heads().get(index);
                List<String> proof = tree.proof(index);
                assertThat(HeadTree.proves(head, index, size, proof, tree.root())).as("leaf %d of %d", index, size)
                        .isTrue();
                StreamHead shortened = new StreamHead(head.aggregateIdentifier(), head.sequenceNumber() - 1,
                        head.hash());
                assertThat(HeadTree.proves(shortened, index, size, proof, tree.root())).isFalse();
                if (size > 1) {
                    assertThat(HeadTree.proves(head, (index + 1) % size, size, proof, tree.root())).isFalse();
                }
            }
        }
    }

    @Test
    void aCheckpointSignatureCoversEveryField() {
        SigningKey key = SigningKey.parse(SigningKey.generate().publicKeyPem());
        assertThat(key.privateKey()).isNull();
        SigningKey signer = SigningKey.generate();
        Checkpoint checkpoint = new Checkpoint(7, "2026-11-20T09:30:00.000Z", 1234, 3, EventHash.sha256(new byte[0]),
                signer.keyId(), null).signedWith(signer.privateKey());
        assertThat(checkpoint.signatureVerifies(signer.publicKey())).isTrue();
        assertThat(checkpoint.signatureVerifies(key.publicKey())).isFalse();
        Checkpoint moved = new Checkpoint(7, checkpoint.createdAt(), 1235, 3, checkpoint.root(), checkpoint.keyId(),
                checkpoint.signature());
        assertThat(moved.signatureVerifies(signer.publicKey())).isFalse();
    }
}
