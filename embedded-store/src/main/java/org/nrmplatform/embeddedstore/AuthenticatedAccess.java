package org.nrmplatform.embeddedstore;

import com.ongres.scram.common.ClientFirstMessage;
import com.ongres.scram.common.Gs2CbindFlag;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramParseException;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store as only the platform may use it: a connection is answered only after it authenticated with the MongoDB
 * wire protocol's SCRAM-SHA-256 ({@code saslStart}, {@code saslContinue}) as the store's user; before that it may
 * only say hello and authenticate. Sits between the wire protocol and the store's backend, so every way a request
 * reaches the backend (OP_MSG, OP_QUERY commands and queries) passes here; the write-ahead log's replay, inside the
 * backend, does not.
 */
final class AuthenticatedAccess implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatedAccess.class);
    private static final AttributeKey<Boolean> AUTHENTICATED =
            AttributeKey.valueOf(AuthenticatedAccess.class, "authenticated");
    private static final AttributeKey<Conversation> CONVERSATION =
            AttributeKey.valueOf(AuthenticatedAccess.class, "conversation");
    /** What a connection may ask before it authenticated: the handshake and the authentication itself. */
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("ismaster", "hello", "buildinfo", "ping",
            "saslstart", "saslcontinue");
    private static final int CONVERSATION_ID = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A SCRAM exchange under way on one connection. */
    private record Conversation(ClientFirstMessage clientFirst, ServerFirstMessage serverFirst, boolean proven) {
    }

    private final MongoBackend backend;
    private final StoreCredentials credentials;

    AuthenticatedAccess(MongoBackend backend, StoreCredentials credentials) {
        this.backend = backend;
        this.credentials = credentials;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        String command = body.keySet().iterator().next();
        Document answer = answerBeforeTheStore(message.getChannel(), command, body);
        return answer != null ? answer : withMechanisms(command, body, backend.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = answerBeforeTheStore(channel, command, query);
        return answer != null ? answer : withMechanisms(command, query, backend.handleCommand(channel, database,
                command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!authenticated(query.getChannel())) {
            throw new MongoServerError(13, "Unauthorized", "reading " + query.getFullCollectionName()
                    + " requires authentication");
        }
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return authenticated(query.getChannel()) ? backend.getCurrentOperations(query) : List.of();
    }

    /** Only asked by the legacy wire protocol, which names no connection: never answered. */
    @Override
    public Document getServerStatus() {
        throw new MongoServerError(13, "Unauthorized", "serverStatus requires authentication");
    }

    /** The authentication's answer, a refusal, or null when the store itself answers. */
    private Document answerBeforeTheStore(Channel channel, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return start(channel, query);
        }
        if (name.equals("saslcontinue")) {
            return proceed(channel, query);
        }
        if (!authenticated(channel) && !BEFORE_AUTHENTICATION.contains(name)) {
            return refusal(13, "Unauthorized", "command " + command + " requires authentication");
        }
        return null;
    }

    /** The handshake tells a driver that asks which mechanism to use. */
    private static Document withMechanisms(String command, Document query, Document answer) {
        if (answer != null && command.equalsIgnoreCase("ismaster") && query.containsKey("saslSupportedMechs")) {
            answer.put("saslSupportedMechs", List.of(StoreCredentials.MECHANISM.getName()));
        }
        return answer;
    }

    private Document start(Channel channel, Document query) {
        channel.attr(CONVERSATION).set(null);
        if (!StoreCredentials.MECHANISM.getName().equals(query.get("mechanism"))) {
            return failed(channel, "mechanism " + query.get("mechanism") + " is not offered");
        }
        try {
            ClientFirstMessage clientFirst = ClientFirstMessage.parseFrom(payload(query));
            if (clientFirst.getGs2Header().getChannelBindingFlag() == Gs2CbindFlag.CHANNEL_BINDING_REQUIRED) {
                return failed(channel, "channel binding is not offered");
            }
            if (!credentials.username().equals(clientFirst.getUsername())) {
                return failed(channel, "unknown user");
            }
            ServerFirstMessage serverFirst = new ServerFirstMessage(clientFirst.getClientNonce(),
                    ScramFunctions.nonce(24, RANDOM), credentials.salt(), StoreCredentials.ITERATIONS);
            channel.attr(CONVERSATION).set(new Conversation(clientFirst, serverFirst, false));
            return step(false, serverFirst.toString());
        } catch (ScramParseException | RuntimeException e) {
            return failed(channel, "malformed client-first message");
        }
    }

    private Document proceed(Channel channel, Document query) {
        Conversation conversation = channel.attr(CONVERSATION).get();
        if (conversation == null || !Integer.valueOf(CONVERSATION_ID).equals(query.get("conversationId"))) {
            return failed(channel, "no authentication under way");
        }
        if (conversation.proven()) {
            // the driver's closing, empty step after it checked the server's signature
            channel.attr(CONVERSATION).set(null);
            return step(true, "");
        }
        String clientFinal = payload(query);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            return failed(channel, "malformed client-final message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String authMessage = ScramFunctions.authMessage(conversation.clientFirst(), conversation.serverFirst(), null);
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return failed(channel, "malformed client proof");
        }
        // the channel binding and the combined nonce the client signed must be what this exchange agreed
        if (!authMessage.endsWith("," + withoutProof) || !credentials.provenBy(proof, authMessage)) {
            return failed(channel, "wrong password");
        }
        channel.attr(AUTHENTICATED).set(Boolean.TRUE);
        channel.attr(CONVERSATION).set(new Conversation(conversation.clientFirst(), conversation.serverFirst(), true));
        return step(false, new ServerFinalMessage(credentials.serverSignature(authMessage)).toString());
    }

    private static String payload(Document query) {
        Object payload = query.get("payload");
        if (payload instanceof BinData data) {
            return new String(data.getData(), StandardCharsets.UTF_8);
        }
        if (payload instanceof String text) { // mongosh may send it as a string
            return text;
        }
        throw new IllegalArgumentException("no payload");
    }

    private static Document step(boolean done, String payload) {
        Document answer = new Document("conversationId", CONVERSATION_ID);
        answer.put("done", done);
        answer.put("payload", new BinData(payload.getBytes(StandardCharsets.UTF_8)));
        answer.put("ok", 1.0);
        return answer;
    }

    private static Document failed(Channel channel, String why) {
        channel.attr(CONVERSATION).set(null);
        log.warn("refused an authentication from {}: {}", channel.remoteAddress(), why);
        // the client learns only that it failed, as from MongoDB
        return refusal(18, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document refusal(int code, String codeName, String message) {
        Document answer = new Document("ok", 0.0);
        answer.put("errmsg", message);
        answer.put("code", code);
        answer.put("codeName", codeName);
        return answer;
    }

    private static boolean authenticated(Channel channel) {
        return channel != null && Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
    }

    // ----------------------------------------------------------------- the rest is the store's, unchanged

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
