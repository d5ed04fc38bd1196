package org.nrmplatform.shared.codelists;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nrmplatform.shared.domain.RuleViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.nrmplatform.shared.web.JsonInput;

/**
 * The code lists shipped as data files under {@code code-lists/}, loaded once, with their labels in every
 * {@link LabelLanguage}: English in the lists themselves, the others in {@code code-lists/labels/<tag>.json}
 * (list id → code → label). A label missing from a language's file is given in English.
 */
public class CodeLists {

    private static final String DIRECTORY = "code-lists/";
    private static final Set<String> VALUE_FIELDS = Set.of("code", "label");

    private final Map<String, CodeList> lists;
    private final Map<LabelLanguage, Map<String, CodeList>> translated;

    private CodeLists(Map<String, CodeList> lists, Map<LabelLanguage, Map<String, CodeList>> translated) {
        this.lists = lists;
        this.translated = translated;
    }

    public static CodeLists load() {
        JsonMapper mapper = JsonInput.standalone();
        Map<String, CodeList> lists = new LinkedHashMap<>();
        for (JsonNode file : read(mapper, "index.json").get("codeLists")) {
            CodeList list = toCodeList(read(mapper, file.asString()));
            lists.put(list.id(), list);
        }
        Map<LabelLanguage, Map<String, CodeList>> translated = new EnumMap<>(LabelLanguage.class);
        for (LabelLanguage language : LabelLanguage.values()) {
            if (language == LabelLanguage.EN) {
                continue;
            }
            JsonNode labels = read(mapper, "labels/" + language.tag() + ".json").get("labels");
            Map<String, CodeList> inLanguage = new LinkedHashMap<>();
            lists.values().forEach(list -> inLanguage.put(list.id(), translate(list, labels.path(list.id()))));
            translated.put(language, Map.copyOf(inLanguage));
        }
        return new CodeLists(Map.copyOf(lists), translated);
    }

    private static CodeList translate(CodeList list, JsonNode labels) {
        List<CodeList.Value> values = list.values().stream().map(value -> {
            JsonNode label = labels.get(value.code());
            return label == null ? value : new CodeList.Value(value.code(), label.asString(), value.attributes());
        }).toList();
        return new CodeList(list.id(), list.version(), list.source(), list.htcdsField(), values);
    }

    private static CodeList toCodeList(JsonNode node) {
        List<CodeList.Value> values = node.get("values").valueStream().map(value -> {
            Map<String, Object> attributes = new LinkedHashMap<>();
            value.properties().stream()
                    .filter(entry -> !VALUE_FIELDS.contains(entry.getKey()))
                    .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asString()));
            return new CodeList.Value(value.get("code").asString(), value.get("label").asString(), attributes);
        }).toList();
        JsonNode htcds = node.get("htcdsField");
        return new CodeList(node.get("id").asString(), node.get("version").asInt(), node.get("source").asString(),
                htcds == null || htcds.isNull() ? null : htcds.asString(), values);
    }

    private static JsonNode read(JsonMapper mapper, String file) {
        try (InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("Code list file missing: " + DIRECTORY + file);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Collection<CodeList> all() {
        return lists.values();
    }

    public Optional<CodeList> find(String id) {
        return Optional.ofNullable(lists.get(id));
    }

    /** The lists with their labels in this language. */
    public Collection<CodeList> all(LabelLanguage language) {
        return (language == LabelLanguage.EN ? lists : translated.get(language)).values().stream()
                .sorted(Comparator.comparing(CodeList::id)).toList();
    }

    /** A list with its labels in this language. */
    public Optional<CodeList> find(String id, LabelLanguage language) {
        return language == LabelLanguage.EN ? find(id) : Optional.ofNullable(translated.get(language).get(id));
    }

    /** The label of a code in this language; the code itself when the list does not have it. */
    public String label(String listId, String code, LabelLanguage language) {
        return find(listId, language).flatMap(list -> list.values().stream()
                .filter(value -> value.code().equals(code)).findFirst())
                .map(CodeList.Value::label).orElse(code);
    }

    public CodeList get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No code list " + id));
    }

    /** Refuses, naming the field, any code that is not in the list. */
    public void requireCodes(String listId, Collection<String> codes, String field) {
        CodeList list = get(listId);
        List<String> unknown = codes.stream().filter(code -> !list.contains(code)).toList();
        if (!unknown.isEmpty()) {
            throw RuleViolation.ruleNotMet(field, "unknown " + listId + " code(s) " + unknown
                    + "; see code list " + listId + " v" + list.version());
        }
    }

    public void requireCode(String listId, String code, String field) {
        if (code == null) {
            throw RuleViolation.ruleNotMet(field, "a " + listId + " code is required");
        }
        requireCodes(listId, List.of(code), field);
    }
}
