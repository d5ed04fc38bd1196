package org.nrmplatform.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.MountableFile;

/**
 * Two MongoDB replica sets for the restore drill on MongoDB: the platform runs on the first, is backed up with
 * {@code mongodump --oplog} while it serves, and the archive is restored with {@code mongorestore --oplogReplay} into
 * the second, as on a fresh machine (a point-in-time restore must restore the whole dump, so never into the source).
 * <p>
 * Given ones ({@code NRM_DRILL_MONGODB_URI} and {@code NRM_DRILL_MONGODB_TARGET_URI}, with {@code mongodump} and
 * {@code mongorestore} on the PATH), or two containers of the official image, which carries both tools, where
 * Docker runs. Where there is neither the test is skipped and says why.
 */
abstract class MongoDbPair implements AutoCloseable {

    private static final String IMAGE = "mongo:7.0";

    /** The platform's store before the loss. */
    abstract String sourceUri();

    /** The fresh MongoDB the backup is restored into. */
    abstract String targetUri();

    /** {@code mongodump --oplog} of the whole source into one gzipped archive on this machine. */
    abstract void dump(Path archive) throws Exception;

    /** {@code mongorestore --oplogReplay} of that archive into the target. */
    abstract void restore(Path archive) throws Exception;

    abstract String describe();

    /** The pair this machine offers, or the test skipped with the reason printed. */
    static MongoDbPair find() {
        String source = System.getenv("NRM_DRILL_MONGODB_URI");
        String target = System.getenv("NRM_DRILL_MONGODB_TARGET_URI");
        boolean tools = onPath("mongodump") && onPath("mongorestore");
        if (source != null && target != null && tools) {
            return new Given(source, target);
        }
        String docker;
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return new Containers();
            }
            docker = "no Docker environment was found";
        } catch (RuntimeException e) {
            docker = "Docker: " + e.getMessage();
        }
        String reason = "the restore drill on MongoDB is skipped: no MongoDB here (set NRM_DRILL_MONGODB_URI and "
                + "NRM_DRILL_MONGODB_TARGET_URI, two replica sets, with mongodump/mongorestore on the PATH"
                + (source != null && !tools ? "; they are not on the PATH" : "") + ", or run where Docker runs; "
                + docker + "); the procedure is in the README, \"Backup and restore\", \"On MongoDB\"";
        System.out.println("SKIPPED " + reason);
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    static String masked(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Two MongoDBs the operator named, and the tools installed here. */
    private static final class Given extends MongoDbPair {

        private final String source;
        private final String target;

        Given(String source, String target) {
            this.source = source;
            this.target = target;
        }

        @Override
        String sourceUri() {
            return source;
        }

        @Override
        String targetUri() {
            return target;
        }

        @Override
        void dump(Path archive) throws Exception {
            run(List.of("mongodump", "--uri=" + source, "--oplog", "--gzip", "--archive=" + archive));
        }

        @Override
        void restore(Path archive) throws Exception {
            run(List.of("mongorestore", "--uri=" + target, "--oplogReplay", "--drop", "--gzip",
                    "--archive=" + archive));
        }

        @Override
        String describe() {
            return "given MongoDBs " + masked(source) + " -> " + masked(target) + ", the tools on the PATH";
        }

        private static void run(List<String> command) throws Exception {
            Path log = Files.createTempFile("nrm-mongo-tool", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(10, TimeUnit.MINUTES);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!finished) {
                process.destroyForcibly();
            }
            String shown = masked(String.join(" ", command));
            assertThat(finished).as("%s finished within 10 minutes:%n%s", shown, output).isTrue();
            assertThat(process.exitValue()).as("%s:%n%s", shown, output).isZero();
        }

        @Override
        public void close() {
        }
    }

    /** Two single-member replica sets in containers of the official image; its tools run inside them. */
    private static final class Containers extends MongoDbPair {

        private static final String ARCHIVE = "/tmp/nrm-drill.archive.gz";

        private final List<MongoDBContainer> started = new ArrayList<>();
        private final MongoDBContainer source;
        private final MongoDBContainer target;

        Containers() {
            source = start();
            target = start();
        }

        private MongoDBContainer start() {
            MongoDBContainer mongo = new MongoDBContainer(IMAGE).withReplicaSet();
            started.add(mongo);
            mongo.start();
            return mongo;
        }

        @Override
        String sourceUri() {
            return source.getReplicaSetUrl();
        }

        @Override
        String targetUri() {
            return target.getReplicaSetUrl();
        }

        @Override
        void dump(Path archive) throws Exception {
            // inside the container the member answers on its own port
            exec(source, "mongodump", "--oplog", "--gzip", "--archive=" + ARCHIVE);
            source.copyFileFromContainer(ARCHIVE, archive.toString());
        }

        @Override
        void restore(Path archive) throws Exception {
            target.copyFileToContainer(MountableFile.forHostPath(archive), ARCHIVE);
            exec(target, "mongorestore", "--oplogReplay", "--drop", "--gzip", "--archive=" + ARCHIVE);
        }

        @Override
        String describe() {
            return "two " + IMAGE + " replica sets in containers, the image's own mongodump and mongorestore";
        }

        private static void exec(MongoDBContainer container, String... command) throws IOException,
                InterruptedException {
            Container.ExecResult result = container.execInContainer(command);
            assertThat(result.getExitCode()).as("%s:%n%s%s", String.join(" ", command), result.getStdout(),
                    result.getStderr()).isZero();
        }

        @Override
        public void close() {
            started.forEach(MongoDBContainer::stop);
        }
    }
}
