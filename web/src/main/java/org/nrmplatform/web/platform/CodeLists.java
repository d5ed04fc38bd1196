package org.nrmplatform.web.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's code lists (the files under shared's {@code code-lists/}, copied into this module at build):
 * the codes a form offers and their labels. Labels are the code lists' own (English); the code lists carry no
 * Serbian labels yet, so the pages show the English label in either language.
 */
@Component("codeLists")
public class CodeLists {

    private final JsonMapper json;
    private final Map<String, Map<String, String>> loaded = new ConcurrentHashMap<>();

    CodeLists(JsonMapper json) {
        this.json = json;
    }

    /** Code → label, in the list's order. */
    public Map<String, String> values(String list) {
        return loaded.computeIfAbsent(list, this::load);
    }

    /** The label of a code, or the code itself when the list does not have it. */
    public String label(String list, String code) {
        return code == null ? "" : values(list).getOrDefault(code, code);
    }

    private Map<String, String> load(String list) {
        try (InputStream file = CodeLists.class.getResourceAsStream("/code-lists/" + list + ".json")) {
            if (file == null) {
                throw new IllegalArgumentException("No code list " + list);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (JsonNode value : json.readTree(file).path("values")) {
                values.put(value.path("code").asString(), value.path("label").asString());
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
