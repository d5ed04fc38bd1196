package org.nrmplatform.web.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nrmplatform.web.platform.CodeLists;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.PlatformApi.Download;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monitor's statistics (the national coordinator or rapporteur): anonymised counts of cases by up to three
 * dimensions as a bar chart and a table, the durations, and the same answer as CSV. Suppressed cells (fewer cases
 * than the platform's threshold, or suppressed so that no total gives one away) are shown as suppressed, never as
 * a number. What the API refuses (a dimension chosen twice) is shown beside the choice. Beside them, the
 * case-level CTDC export to download.
 */
@Controller
@RequestMapping("/statistics")
class StatisticsController {

    /** The API's dimensions, in the order the form offers them. */
    static final List<String> DIMENSIONS = List.of("stage", "sex", "ageBand", "typeOfExploitation",
            "methodOfControl", "citizenship", "country", "detectingSector", "year", "emergencySituation");

    /** Which code list names the values of a dimension, where one does. */
    private static final Map<String, String> CODE_LISTS = Map.of("sex", "sex",
            "typeOfExploitation", "type-of-exploitation", "methodOfControl", "method-of-control",
            "detectingSector", "detecting-sector");

    private final PlatformApi api;
    private final CodeLists codeLists;
    private final MessageSource messages;

    StatisticsController(PlatformApi api, CodeLists codeLists, MessageSource messages) {
        this.api = api;
        this.codeLists = codeLists;
        this.messages = messages;
    }

    @GetMapping
    String statistics(@RequestParam(name = "groupBy", required = false) List<String> groupBy,
                      @RequestParam(name = "emergencySituation", required = false) String situation, Model model,
                      Locale locale) {
        String only = situation == null || situation.isBlank() ? null : situation.strip();
        List<String> chosen = chosen(groupBy, only);
        List<Map<String, Object>> situations = api.list("/api/emergency-situations");
        model.addAttribute("dimensions", DIMENSIONS);
        model.addAttribute("chosen", chosen);
        model.addAttribute("situations", situations);
        model.addAttribute("situation", only);
        try {
            Map<String, Object> table = only == null
                    ? api.get("/api/statistics?groupBy={groupBy}", String.join(",", chosen))
                    : api.get("/api/statistics?groupBy={groupBy}&emergencySituation={id}", String.join(",", chosen),
                    only);
            model.addAttribute("table", table);
            model.addAttribute("chart", StatisticsChart.of(cells(table), chosen,
                    (dimension, value) -> label(dimension, value, locale, situations),
                    messages.getMessage("statistics.allCases", null, locale)));
        } catch (RefusedAction refused) {
            if (refused.status() != 400) {
                throw refused;
            }
            model.addAttribute("refused", refused);
        }
        return "monitoring/statistics";
    }

    /** The same answer as the API's CSV (HTCDS/CTDC column names), downloaded through this application. */
    @GetMapping("/csv")
    ResponseEntity<byte[]> csv(@RequestParam(name = "groupBy", required = false) List<String> groupBy,
                               @RequestParam(name = "emergencySituation", required = false) String situation) {
        String only = situation == null || situation.isBlank() ? null : situation.strip();
        String grouped = String.join(",", chosen(groupBy, only));
        Download csv = only == null ? api.download("/api/statistics?groupBy={groupBy}&format=csv", grouped)
                : api.download("/api/statistics?groupBy={groupBy}&emergencySituation={id}&format=csv", grouped, only);
        MediaType type = csv.headers().getContentType();
        return ResponseEntity.ok().contentType(type != null ? type : new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("nrm-statistics.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(csv.body());
    }

    /**
     * The case-level export in CTDC's columns, k-anonymised by the platform (docs/ctdc-export.md), downloaded
     * through this application as it is: every year, the whole dataset the monitor may hand on to CTDC.
     */
    @GetMapping("/ctdc")
    ResponseEntity<byte[]> ctdc() {
        Download csv = api.download("/api/statistics/ctdc?format=csv");
        MediaType type = csv.headers().getContentType();
        return ResponseEntity.ok().contentType(type != null ? type : new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("nrm-ctdc.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(csv.body());
    }

    private String label(String dimension, String value, Locale locale, List<Map<String, Object>> situations) {
        if ("Unknown".equals(value)) {
            return messages.getMessage("statistics.unknown", null, value, locale);
        }
        if (dimension.equals("emergencySituation")) {
            return situationLabel(value, locale, situations);
        }
        if (dimension.equals("stage")) {
            return messages.getMessage("stage." + value, null, value, locale);
        }
        String list = CODE_LISTS.get(dimension);
        return list == null ? value : codeLists.label(list, value);
    }

    /** A situation's kind, place and start, as the monitor chose it; "None" for the cases of no situation. */
    private String situationLabel(String value, Locale locale, List<Map<String, Object>> situations) {
        if ("None".equals(value)) {
            return messages.getMessage("statistics.noSituation", null, value, locale);
        }
        return situations.stream().filter(one -> value.equals(one.get("situationId"))).findFirst()
                .map(one -> codeLists.label("emergency-kind", String.valueOf(one.get("kind"))) + ", "
                        + one.get("municipality") + ", " + one.get("startedOn"))
                .orElse(value);
    }

    /**
     * The dimensions chosen, blanks left out, in order; the first time the page opens, by stage. Counting only the
     * cases of one emergency situation counts by situation too (the API's filter selects cells of a table grouped by
     * it): added last, or in place of the third.
     */
    static List<String> chosen(List<String> groupBy, String situation) {
        List<String> chosen = new ArrayList<>();
        if (groupBy == null) {
            chosen.add("stage");
        } else {
            groupBy.stream().filter(name -> name != null && !name.isBlank()).map(String::strip).forEach(chosen::add);
        }
        if (situation != null && !chosen.contains("emergencySituation")) {
            if (chosen.size() >= 3) {
                chosen.set(2, "emergencySituation");
            } else {
                chosen.add("emergencySituation");
            }
        }
        return chosen;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cells(Map<String, Object> table) {
        return table.get("cells") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
