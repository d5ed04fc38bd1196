package org.nrmplatform.shared.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Looks for clear text in everything a service stored: every document of every collection of the databases
 * given (events, snapshots, tokens, sagas, projections, keys), strings and binary values (tokens and sagas are
 * stored serialised) alike, at any depth.
 */
public final class ClearTextScan {

    private ClearTextScan() {
    }

    /** Where each of {@code texts} occurs, as "database.collection _id: text"; empty when nowhere. */
    public static List<String> find(MongoClient client, Collection<String> databases, Collection<String> texts) {
        List<String> found = new ArrayList<>();
        for (String name : databases) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    for (String text : texts) {
                        if (contains(document, text)) {
                            found.add(name + "." + collection + " " + document.get("_id") + ": " + text);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** How many documents the databases hold, to show that the scan had something to look at. */
    public static long documents(MongoClient client, Collection<String> databases) {
        long count = 0;
        for (String name : databases) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                count += database.getCollection(collection).countDocuments();
            }
        }
        return count;
    }

    private static boolean contains(Object value, String text) {
        if (value instanceof String string) {
            return string.contains(text);
        }
        if (value instanceof Binary binary) {
            return new String(binary.getData(), StandardCharsets.UTF_8).contains(text);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(nested -> contains(nested, text))
                    || map.keySet().stream().anyMatch(key -> contains(key, text));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(nested -> contains(nested, text));
        }
        return value != null && !(value instanceof Number) && !(value instanceof Boolean)
                && value.toString().contains(text);
    }
}
