import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes the named databases of a running store to one JSON file, unchanged: each collection's documents in
 * natural order, as MongoDB extended JSON (canonical, so that longs and dates read back as they were), one
 * document a line so that a fixture's diff reads line by line. Run by record.sh with the driver on the class path:
 * {@code java -cp DRIVER_JARS -Dskip=COLLECTION,... DumpStore.java URI OUT.json DATABASE...}; the collections
 * named in {@code skip} (keys) are left out.
 */
public class DumpStore {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: DumpStore URI OUT.json DATABASE...");
        }
        List<String> skipped = List.of(System.getProperty("skip", "").split(","));
        JsonWriterSettings canonical = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        try (MongoClient client = MongoClients.create(args[0]);
             Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            out.write("{");
            String databaseSeparator = "\n";
            for (int d = 2; d < args.length; d++) {
                MongoDatabase database = client.getDatabase(args[d]);
                List<String> collections = database.listCollectionNames().into(new ArrayList<>());
                collections.removeAll(skipped);
                collections.sort(null);
                out.write(databaseSeparator + "\"" + args[d] + "\": {");
                String collectionSeparator = "\n";
                int documents = 0;
                for (String collection : collections) {
                    out.write(collectionSeparator + "  \"" + collection + "\": [");
                    String separator = "\n";
                    for (Document document : database.getCollection(collection).find()) {
                        out.write(separator + "    " + document.toJson(canonical));
                        separator = ",\n";
                        documents++;
                    }
                    out.write("\n  ]");
                    collectionSeparator = ",\n";
                }
                out.write("\n}");
                databaseSeparator = ",\n";
                System.out.printf("%s: %d collections, %d documents%n", args[d], collections.size(), documents);
            }
            out.write("\n}\n");
        }
    }
}
