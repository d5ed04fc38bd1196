package org.nrmplatform.shared.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;

/** The MongoDB subject key store on the embedded server: keys are stored wrapped, unwrap, and are destroyed for good. */
class SubjectKeysTest {

    private static final MasterKey MASTER = MasterKey.fromBase64(EmbeddedStore.TEST_MASTER_KEY);

    private MongoClient client;
    private String database;
    private MongoSubjectKeys keys;

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.uri());
        database = "keys_" + UUID.randomUUID().toString().substring(0, 8);
        keys = new MongoSubjectKeys(client, database, MASTER);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSubjectsKeyIsCreatedOnceAndStoredOnlyWrapped() {
        SecretKey created = keys.obtain("case-1").orElseThrow();
        assertThat(keys.obtain("case-1")).contains(created);
        assertThat(keys.find("case-1")).isEqualTo(new SubjectKeys.KeyLookup.Present(created));
        assertThat(keys.obtain("case-2").orElseThrow()).isNotEqualTo(created);

        Document stored = collection().find(Filters.eq("_id", "case-1")).first();
        byte[] wrapped = Base64.getDecoder().decode(stored.getString("wrappedKey"));
        assertThat(wrapped).hasSize(Aead.NONCE_BYTES + 32 + 16);
        assertThat(indexOf(wrapped, created.getEncoded())).as("the clear key in the stored bytes").isEqualTo(-1);
    }

    @Test
    void aDestroyedKeyIsGoneAndIsNeverCreatedAgain() {
        keys.obtain("case-1").orElseThrow();
        assertThat(keys.destroy("case-1")).isTrue();
        assertThat(keys.destroy("case-1")).as("destroying again").isFalse();

        assertThat(keys.find("case-1")).isInstanceOf(SubjectKeys.KeyLookup.Destroyed.class);
        assertThat(keys.obtain("case-1")).isEmpty();
        Document stored = collection().find(Filters.eq("_id", "case-1")).first();
        assertThat(stored).doesNotContainKey("wrappedKey").containsKey("destroyedAt");
    }

    @Test
    void aSubjectErasedBeforeItHadAKeyNeverGetsOne() {
        assertThat(keys.find("case-3")).isInstanceOf(SubjectKeys.KeyLookup.Unknown.class);
        assertThat(keys.destroy("case-3")).isTrue();
        assertThat(keys.obtain("case-3")).isEmpty();
    }

    @Test
    void anotherMasterKeyCannotUnwrapTheStoredKeysAndSaysSo() {
        keys.obtain("case-1").orElseThrow();
        MongoSubjectKeys withOtherMaster = new MongoSubjectKeys(client, database,
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(Aead.randomKey())));
        assertThatThrownBy(() -> withOtherMaster.find("case-1"))
                .isInstanceOf(MasterKey.WrongMasterKey.class)
                .hasMessageContaining("case-1").hasMessageContaining("nrm.privacy.master-key");
    }

    @Test
    void aKeyWrappedForOneSubjectDoesNotUnwrapAsAnother() {
        keys.obtain("case-1").orElseThrow();
        Document stored = collection().find(Filters.eq("_id", "case-1")).first();
        collection().insertOne(new Document("_id", "case-9").append("wrappedKey", stored.getString("wrappedKey")));
        assertThatThrownBy(() -> keys.find("case-9")).isInstanceOf(MasterKey.WrongMasterKey.class);
    }

    @Test
    void aMasterKeyOfTheWrongLengthOrNotBase64IsRefused() {
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!")).hasMessageContaining("base64");
        assertThat(new PrivacyProperties("c2hvcnQ=", "db").isMasterKeyValid()).isFalse();
        assertThat(new PrivacyProperties(EmbeddedStore.TEST_MASTER_KEY, "db").isMasterKeyValid()).isTrue();
    }

    private com.mongodb.client.MongoCollection<Document> collection() {
        return client.getDatabase(database).getCollection(MongoSubjectKeys.COLLECTION);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
