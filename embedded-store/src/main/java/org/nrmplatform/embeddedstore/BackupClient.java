package org.nrmplatform.embeddedstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The command lines {@code backup} and {@code restore} of the store's jar ({@code infra/nrm backup|restore} run
 * them). {@code backup --to DIR} asks the running store on 127.0.0.1 for a backup ({@link StoreBackup}) as its
 * user (the credentials from the environment, as the store takes them) and prints its progress until it is done;
 * {@code restore --from DIR --data-dir DIR [--replace]} restores one with the store stopped ({@link StoreRestore}).
 */
final class BackupClient {

    private BackupClient() {
    }

    /** The exit code: 0 done, 1 failed, 2 wrong usage. */
    static int run(String command, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String to = null;
        String from = null;
        String dataDir = env.getOrDefault("NRM_DATA_DIR", EmbeddedStore.DEFAULT_DATA_DIR);
        boolean replace = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> to = i + 1 < args.length ? args[++i] : null;
                case "--from" -> from = i + 1 < args.length ? args[++i] : null;
                case "--data-dir" -> dataDir = i + 1 < args.length ? args[++i] : dataDir;
                case "--replace" -> replace = true;
                default -> {
                    err.println("nrm-embedded-store " + command + ": unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        try {
            if (command.equals("backup")) {
                if (to == null) {
                    err.println("usage: backup --to DIR   (the store's port and user from the environment)");
                    return 2;
                }
                return backUp(Path.of(to).toAbsolutePath().normalize(), env, out, err);
            }
            if (from == null) {
                err.println("usage: restore --from DIR [--data-dir DIR] [--replace]");
                return 2;
            }
            StoreRestore.restore(Path.of(from), Path.of(dataDir), replace, out);
            return 0;
        } catch (Exception e) {
            err.println("nrm-embedded-store " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private static int backUp(Path to, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        String port = env.getOrDefault("NRM_STORE_PORT", String.valueOf(EmbeddedStore.DEFAULT_PORT));
        String password = env.get(StoreCredentials.PASSWORD_VARIABLE);
        if (password == null || password.isBlank()) {
            err.println("nrm-embedded-store backup: " + StoreCredentials.PASSWORD_VARIABLE + " is not set");
            return 2;
        }
        String user = env.getOrDefault(StoreCredentials.USERNAME_VARIABLE, StoreCredentials.DEFAULT_USERNAME);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + EmbeddedStore.HOST + ":" + port))
                .credential(MongoCredential.createScramSha256Credential(user, "admin", password.toCharArray()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase admin = client.getDatabase("admin");
            admin.runCommand(new Document("nrmBackup", 1).append("to", to.toString()));
            out.println("backup into " + to + ": a checkpoint, then the store file and the log after it ...");
            String lastLine = "";
            long lastPrintedAt = 0;
            while (true) {
                Document status = admin.runCommand(new Document("nrmBackupStatus", 1));
                String stage = status.getString("stage");
                if (status.get("failure") != null) {
                    err.println("backup failed: " + status.getString("failure") + " (the store's log says more)");
                    return 1;
                }
                if (status.get("result") instanceof Document result) {
                    out.printf("backup done: %s (%d files, %s), writes through LSN %d, %d events, in %.1f s%n", to,
                            result.get("files", Number.class).intValue(),
                            StoreRestore.megabytes(result.get("bytes", Number.class).longValue()),
                            result.get("lastLsn", Number.class).longValue(),
                            result.get("events", Number.class).longValue(),
                            result.get("millis", Number.class).longValue() / 1000.0);
                    out.println("  " + to.resolve(BackupManifest.MANIFEST) + " and "
                            + to.resolve(BackupManifest.SUMS) + " (check a copy with: sha256sum -c SHA256SUMS)");
                    return 0;
                }
                long copied = status.get("copiedBytes", Number.class).longValue();
                long total = status.get("totalBytes", Number.class).longValue();
                String line = "  " + stage + ": " + StoreRestore.megabytes(copied) + " of "
                        + StoreRestore.megabytes(total) + " copied";
                long now = System.nanoTime();
                if (!line.equals(lastLine) && (!stage.equals(lastLine.split(":")[0].trim())
                        || now - lastPrintedAt > TimeUnit.SECONDS.toNanos(2))) {
                    out.println(line);
                    lastLine = line;
                    lastPrintedAt = now;
                }
                Thread.sleep(200);
            }
        } catch (MongoCommandException e) {
            err.println("nrm-embedded-store backup: the store refused: " + e.getErrorMessage());
            return 1;
        }
    }
}
