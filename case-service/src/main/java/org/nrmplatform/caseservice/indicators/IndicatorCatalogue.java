package org.nrmplatform.caseservice.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nrmplatform.shared.codelists.LabelLanguage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import org.nrmplatform.shared.web.JsonInput;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicator sets shipped with this service under {@code indicator-sets/}, by id (e.g. labour-v1), worded in
 * every {@link LabelLanguage}: English in the sets themselves, the others in {@code indicator-sets/labels/<tag>.json}
 * (set id → title and indicator code → text). A text missing from a language's file is given in English.
 */
@Component
public class IndicatorCatalogue {

    private static final String DIRECTORY = "indicator-sets/";

    private final Map<String, IndicatorSet> sets;
    private final Map<LabelLanguage, Map<String, IndicatorSet>> worded = new EnumMap<>(LabelLanguage.class);

    public IndicatorCatalogue() {
        // read once at start, also outside Spring (the aggregate tests build the catalogue)
        JsonMapper mapper = JsonInput.standalone();
        Map<String, IndicatorSet> loaded = new LinkedHashMap<>();
        for (JsonNode file : mapper.readTree(resource("index.json")).get("indicatorSets")) {
            IndicatorSet set = mapper.readValue(resource(file.asString()), IndicatorSet.class);
            if (loaded.put(set.id(), set) != null) {
                throw new IllegalStateException("Indicator set " + set.id() + " is defined twice");
            }
        }
        this.sets = Map.copyOf(loaded);
        for (LabelLanguage language : LabelLanguage.values()) {
            if (language == LabelLanguage.EN) {
                continue;
            }
            JsonNode labels = mapper.readTree(resource("labels/" + language.tag() + ".json")).path("sets");
            Map<String, IndicatorSet> inLanguage = new LinkedHashMap<>();
            sets.values().forEach(set -> {
                JsonNode words = labels.path(set.id());
                Map<String, String> texts = new LinkedHashMap<>();
                words.path("indicators").properties()
                        .forEach(text -> texts.put(text.getKey(), text.getValue().asString()));
                inLanguage.put(set.id(), set.worded(words.path("title").asString(null), texts));
            });
            worded.put(language, Map.copyOf(inLanguage));
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = IndicatorCatalogue.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("Indicator set file missing: " + DIRECTORY + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Collection<IndicatorSet> all() {
        return sets.values().stream()
                .sorted(java.util.Comparator.comparing(IndicatorSet::family).thenComparing(IndicatorSet::version))
                .toList();
    }

    public Optional<IndicatorSet> find(String id) {
        return Optional.ofNullable(sets.get(id));
    }

    /** The sets worded in this language, in the order of {@link #all()}. */
    public Collection<IndicatorSet> all(LabelLanguage language) {
        return all().stream().map(set -> find(set.id(), language).orElseThrow()).toList();
    }

    public Optional<IndicatorSet> find(String id, LabelLanguage language) {
        return language == LabelLanguage.EN ? find(id) : Optional.ofNullable(worded.get(language).get(id));
    }
}
