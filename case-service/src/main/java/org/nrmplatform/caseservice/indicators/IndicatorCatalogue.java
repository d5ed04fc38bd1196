package org.nrmplatform.caseservice.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import org.nrmplatform.shared.web.JsonInput;
import tools.jackson.databind.json.JsonMapper;

/** The indicator sets shipped with this service under {@code indicator-sets/}, by id (e.g. labour-v1). */
@Component
public class IndicatorCatalogue {

    private static final String DIRECTORY = "indicator-sets/";

    private final Map<String, IndicatorSet> sets;

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
}
