package org.nrmplatform.web.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's code lists (the files under shared's {@code code-lists/}, copied into this module at build, their
 * label files too): the codes a form offers and their labels in the page's language. English is the lists' own;
 * sq, mk, sr-Latn, sr-Cyrl, bs, hr and cnr come from {@code code-lists/labels/<tag>.json}, chosen as the API chooses
 * (shared's LabelLanguage: the tag, then shorter, plain Serbian in Cyrillic but Latin in Montenegro); any other
 * language gets English.
 */
@Component("codeLists")
public class CodeLists {

    private static final List<String> TRANSLATED = List.of("sq", "mk", "sr-Latn", "sr-Cyrl", "bs", "hr", "cnr");

    private final JsonMapper json;
    private final Map<String, Map<String, String>> loaded = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> labelFiles = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> translated = new ConcurrentHashMap<>();

    CodeLists(JsonMapper json) {
        this.json = json;
    }

    /** Code → label in the page's language, in the list's order. */
    public Map<String, String> values(String list) {
        Map<String, String> english = loaded.computeIfAbsent(list, this::load);
        Optional<String> language = language(LocaleContextHolder.getLocale());
        if (language.isEmpty()) {
            return english;
        }
        return translated.computeIfAbsent(language.get() + "/" + list, key -> {
            JsonNode labels = labelFiles.computeIfAbsent(language.get(), this::labelFile).path("labels").path(list);
            Map<String, String> values = new LinkedHashMap<>();
            english.forEach((code, label) -> values.put(code, labels.path(code).asString(label)));
            return values;
        });
    }

    /** The label of a code in the page's language, or the code itself when the list does not have it. */
    public String label(String list, String code) {
        return code == null ? "" : values(list).getOrDefault(code, code);
    }

    /** The label file for a page's language, none for English or a language without one. */
    static Optional<String> language(Locale locale) {
        String range = locale.toLanguageTag().toLowerCase(Locale.ROOT);
        while (!range.isEmpty()) {
            for (String tag : TRANSLATED) {
                if (tag.toLowerCase(Locale.ROOT).equals(range)) {
                    return Optional.of(tag);
                }
            }
            if (range.equals("sr-me")) {
                return Optional.of("sr-Latn");
            }
            if (range.equals("sr")) {
                return Optional.of("sr-Cyrl");
            }
            int cut = range.lastIndexOf('-');
            range = cut < 0 ? "" : range.substring(0, cut);
        }
        return Optional.empty();
    }

    private Map<String, String> load(String list) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode value : read("/code-lists/" + list + ".json").path("values")) {
            values.put(value.path("code").asString(), value.path("label").asString());
        }
        return values;
    }

    private JsonNode labelFile(String language) {
        return read("/code-lists/labels/" + language + ".json");
    }

    private JsonNode read(String path) {
        try (InputStream file = CodeLists.class.getResourceAsStream(path)) {
            if (file == null) {
                throw new IllegalArgumentException("No code list file " + path);
            }
            return json.readTree(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
