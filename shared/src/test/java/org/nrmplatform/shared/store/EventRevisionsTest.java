package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.CaseEvents;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.identity.Revocations;

/**
 * Every event type carries a revision, so that a later change of its shape can come with an upcaster that
 * matches on it (README, "Upgrading"). The event types are found, not listed: every record of the contracts
 * module that no other record there contains is an event type, unless named below as a value that is never
 * stored as an event. An event added without {@code @Revision} fails here; so does a new value record that is
 * neither contained in an event nor named below, which is the safe way to be wrong.
 */
class EventRevisionsTest {

    /** Records of contracts that are not events although no event contains them. */
    private static final Set<Class<?>> VALUES_NOT_STORED_AS_EVENTS = Set.of(
            DataSubject.class,   // the command side's data subject, in clear: sealed before it reaches an event
            Revocations.class);  // identity-service's answer to the gateway

    @Test
    void everyEventTypeOfTheContractsCarriesARevision() throws IOException, URISyntaxException {
        List<Class<?>> records = contractsRecords();
        Set<Class<?>> contained = containedIn(records);

        List<Class<?>> events = records.stream().filter(record -> !contained.contains(record))
                .filter(record -> !VALUES_NOT_STORED_AS_EVENTS.contains(record)).toList();

        // the scan finds the events: a broken scan must not pass for want of anything to check
        assertThat(events).contains(CaseEvents.CaseOpened.class, CaseEvents.SubjectErased.class)
                .hasSizeGreaterThan(50);
        assertThat(events).allSatisfy(event -> assertThat(event.getAnnotation(Revision.class))
                .as("@Revision on event type %s (README, \"Upgrading\")", event.getName()).isNotNull());
    }

    @Test
    void noValueRecordCarriesARevision() throws IOException, URISyntaxException {
        Set<Class<?>> contained = containedIn(contractsRecords());

        // a revision on a value would suggest it is upcast on its own; a value changes with its event's revision
        assertThat(contained).isNotEmpty().allSatisfy(value -> assertThat(value.getAnnotation(Revision.class))
                .as("no @Revision on %s, which an event contains", value.getName()).isNull());
    }

    /** The records that a component of one of {@code records} holds, at any depth. */
    private static Set<Class<?>> containedIn(List<Class<?>> records) {
        Set<Class<?>> contained = new HashSet<>();
        records.forEach(record -> Stream.of(record.getRecordComponents()).map(RecordComponent::getGenericType)
                .forEach(type -> collect(type, contained)));
        return contained;
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c && c.isRecord() && into.add(c)) {
            Stream.of(c.getRecordComponents()).forEach(component -> collect(component.getGenericType(), into));
        } else if (type instanceof ParameterizedType parameterized) {
            Stream.of(parameterized.getActualTypeArguments()).forEach(argument -> collect(argument, into));
        }
    }

    /** Every record compiled into the contracts module (a directory in the reactor, a jar otherwise). */
    private static List<Class<?>> contractsRecords() throws IOException, URISyntaxException {
        URI location = CaseEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        if (Files.isDirectory(root)) {
            return recordsUnder(root);
        }
        try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
            return recordsUnder(jar.getPath("/"));
        }
    }

    private static List<Class<?>> recordsUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.endsWith("package-info.class") && !name.startsWith("META-INF"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(EventRevisionsTest::load).filter(Class::isRecord).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventRevisionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
