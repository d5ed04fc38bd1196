package org.nrmplatform.referralservice.standards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.nrmplatform.shared.web.JsonInput;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versions of the minimum service standards that providers are assessed against: data files under
 * {@code standards/} (listed in its {@code index.json}), loaded once. A new version is a new file; a visit keeps
 * the version it was assessed against.
 */
@Component
public class MinimumStandards {

    private static final String DIRECTORY = "standards/";

    /** One version of the checklist, with the sources it was written from. */
    public record Checklist(String id, int version, String title, String written, List<String> sources,
                            List<Item> items) {

        public boolean has(String code) {
            return items.stream().anyMatch(item -> item.code().equals(code));
        }
    }

    public record Item(String code, String area, String label) {
    }

    private final List<Checklist> versions;

    public MinimumStandards() {
        JsonMapper mapper = JsonInput.standalone();
        versions = read(mapper, "index.json").get("standards").valueStream()
                .map(file -> mapper.treeToValue(read(mapper, file.asString()), Checklist.class))
                .sorted(Comparator.comparingInt(Checklist::version)).toList();
    }

    public List<Checklist> versions() {
        return versions;
    }

    public Checklist latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<Checklist> version(int version) {
        return versions.stream().filter(checklist -> checklist.version() == version).findFirst();
    }

    private static JsonNode read(JsonMapper mapper, String file) {
        try (InputStream in = MinimumStandards.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("Standards file missing: " + DIRECTORY + file);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
