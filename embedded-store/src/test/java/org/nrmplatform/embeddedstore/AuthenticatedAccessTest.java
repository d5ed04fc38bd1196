package org.nrmplatform.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with credentials, as infra/nrm runs it: the platform's user reads and writes; a local process without
 * the credentials, or with a wrong password or user, reads nothing, whichever way it asks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticatedAccessTest {

    private static final String PASSWORD = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c";

    @TempDir
    Path dataDir;
    private EmbeddedStore.Handle store;

    @BeforeEach
    void start() throws Exception {
        store = EmbeddedStore.start(dataDir, 0, StoreCredentials.of("nrm", PASSWORD));
        try (MongoClient platform = client("nrm:" + PASSWORD + "@")) {
            platform.getDatabase("nrm_identity").getCollection("signing_keys")
                    .insertOne(new Document("_id", "kid-1").append("jwk", "sealed"));
        }
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void thePlatformsUserReadsAndWritesWithTheGeneratedPassword() {
        try (MongoClient platform = client("nrm:" + PASSWORD + "@")) {
            assertThat(platform.getDatabase("nrm_identity").getCollection("signing_keys").find().first())
                    .containsEntry("jwk", "sealed");
            assertThat(platform.listDatabaseNames().into(new ArrayList<>())).contains("nrm_identity");
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefusedEveryRead() {
        try (MongoClient outsider = client("")) {
            assertThatThrownBy(() -> outsider.getDatabase("nrm_identity").getCollection("signing_keys").find().first())
                    .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                        assertThat(refused.getErrorCode()).isEqualTo(13);
                        assertThat(refused.getErrorMessage()).contains("requires authentication");
                    });
            assertThatThrownBy(() -> outsider.listDatabaseNames().into(new ArrayList<>()))
                    .isInstanceOf(MongoCommandException.class);
            assertThatThrownBy(() -> outsider.getDatabase("nrm_identity").getCollection("signing_keys")
                    .insertOne(new Document("_id", "forged"))).isInstanceOf(MongoCommandException.class);
        }
        try (MongoClient platform = client("nrm:" + PASSWORD + "@")) {
            assertThat(platform.getDatabase("nrm_identity").getCollection("signing_keys").countDocuments())
                    .as("the outsider's write was not stored").isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordOrUserIsRefusedAtTheHandshake() {
        try (MongoClient guessing = client("nrm:" + PASSWORD.replace('9', '8') + "@")) {
            assertThatThrownBy(() -> guessing.getDatabase("nrm_identity").getCollection("signing_keys").find().first())
                    .isInstanceOf(MongoSecurityException.class).cause().hasMessageContaining("Authentication failed");
        }
        try (MongoClient otherUser = client("admin:" + PASSWORD + "@")) {
            assertThatThrownBy(() -> otherUser.getDatabase("nrm_identity").getCollection("signing_keys").find().first())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    /** The legacy wire protocol (OP_QUERY) as a hand-written client would send it: no answer from the data either. */
    @Test
    void aLegacyQueryWithoutCredentialsReadsNothing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", store.port())) {
            socket.setSoTimeout(10_000);
            Document reply = legacyQuery(socket, "nrm_identity.$cmd", new Document("find", "signing_keys"));
            assertThat(reply.get("ok", Number.class).intValue()).isZero();
            assertThat(reply.getInteger("code")).isEqualTo(13);
            assertThat(reply.toJson()).doesNotContain("sealed");
        }
    }

    private MongoClient client(String credentials) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + credentials + "127.0.0.1:" + store.port()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    /** One OP_QUERY (opcode 2004) and its OP_REPLY's first document. */
    private static Document legacyQuery(Socket socket, String namespace, Document query) throws Exception {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        new DocumentCodec().encode(new BsonBinaryWriter(bson), query, EncoderContext.builder().build());
        byte[] body = bson.toByteArray();
        byte[] name = (namespace + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocate(16 + 4 + name.length + 8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(message.capacity()).putInt(1).putInt(0).putInt(2004)
                .putInt(0).put(name).putInt(0).putInt(-1).put(body);
        OutputStream out = socket.getOutputStream();
        out.write(message.array());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[4];
        in.readFully(header);
        int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rest = new byte[length - 4];
        in.readFully(rest);
        // the rest of the header (12 bytes), then flags, cursor id, starting from, number returned (20): the document
        return Document.parse(new RawBsonDocument(rest, 32, rest.length - 32).toJson());
    }
}
