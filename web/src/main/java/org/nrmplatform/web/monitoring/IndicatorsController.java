package org.nrmplatform.web.monitoring;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nrmplatform.web.monitoring.IndicatorFigure.Value;
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
 * The monitor's NRM performance indicators for a year, quarter or month, optionally by region or detecting
 * sector: victims by a dimension, times taken, shares, services received, transnational referrals, returns and
 * criminal proceedings, each group of figures as a bar chart and the same figures as a table; what the events
 * cannot tell; the same answer as CSV. Suppressed figures are said as suppressed, never as a number.
 */
@Controller
@RequestMapping("/statistics/indicators")
class IndicatorsController {

    static final List<String> BREAKDOWNS = List.of("region", "detectingSector");
    static final List<String> VICTIM_DIMENSIONS = List.of("detectingSector", "sex", "ageBand", "citizenship",
            "typeOfExploitation");
    private static final List<String> DURATIONS = List.of("screeningToPresumedVictim",
            "screeningToIdentificationDecision", "screeningToFirstReferral", "reflectionPeriodLength");
    private static final List<String> SHARES = List.of("identificationDecisionsPositive", "reflectionPeriodGranted",
            "referralsAnsweredInTime", "referralsAccepted", "referralsCompleted", "childrenWithGuardianInTarget");
    private static final List<String> COUNTS = List.of("transnationalReferralsSent", "transnationalReferralsReceived",
            "returns", "assistedReturnReferrals", "identifiedAgainAfterClosedCase", "criminalProceedingsOpened",
            "casesInCriminalProceedings");
    private static final Map<String, String> CODE_LISTS = Map.of("sex", "sex",
            "typeOfExploitation", "type-of-exploitation", "detectingSector", "detecting-sector",
            "serviceType", "service-type", "feedbackQuestion", "feedback-question");

    /** A period the form offers. */
    record PeriodOption(String value, String label) {
    }

    private final PlatformApi api;
    private final CodeLists codeLists;
    private final MessageSource messages;

    IndicatorsController(PlatformApi api, CodeLists codeLists, MessageSource messages) {
        this.api = api;
        this.codeLists = codeLists;
        this.messages = messages;
    }

    @GetMapping
    String indicators(@RequestParam(name = "period", required = false) String period,
                      @RequestParam(name = "by", required = false) String by,
                      @RequestParam(name = "dimension", required = false) String dimension, Model model,
                      Locale locale) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String chosenPeriod = period == null || period.isBlank() ? Integer.toString(today.getYear()) : period.strip();
        String chosenBy = by == null || by.isBlank() ? null : by.strip();
        String chosenDimension = dimension != null && VICTIM_DIMENSIONS.contains(dimension) ? dimension : "sex";
        model.addAttribute("years", years(today));
        model.addAttribute("quarters", quarters(today));
        model.addAttribute("months", months(today, locale));
        model.addAttribute("period", chosenPeriod);
        model.addAttribute("by", chosenBy == null ? "" : chosenBy);
        model.addAttribute("dimension", chosenDimension);
        model.addAttribute("breakdowns", BREAKDOWNS);
        model.addAttribute("dimensions", VICTIM_DIMENSIONS);
        try {
            Map<String, Object> report = chosenBy == null
                    ? api.get("/api/statistics/indicators?period={period}", chosenPeriod)
                    : api.get("/api/statistics/indicators?period={period}&by={by}", chosenPeriod, chosenBy);
            Labels labels = new Labels(chosenBy, locale);
            String dimensionLabel = labels.message("statistics.dimension." + chosenDimension);
            model.addAttribute("presumedTitle", labels.message("indicators.presumedBy", dimensionLabel));
            model.addAttribute("identifiedTitle", labels.message("indicators.identifiedBy", dimensionLabel));
            model.addAttribute("report", report);
            model.addAttribute("presumed", countFigure("presumed-chart", indicator(report, "presumedVictims."
                    + chosenDimension), chosenDimension, labels));
            model.addAttribute("identified", countFigure("identified-chart", indicator(report, "identifiedVictims."
                    + chosenDimension), chosenDimension, labels));
            model.addAttribute("totals", totals(report, labels));
            model.addAttribute("durations", durationFigure(report, labels));
            model.addAttribute("shares", shareFigure("shares-chart", SHARES.stream()
                    .map(id -> indicator(report, id)).toList(), labels));
            model.addAttribute("services", shareFigure("services-chart",
                    List.of(indicator(report, "identifiedVictimsReceivingService")), labels));
            model.addAttribute("counts", countsFigure(report, labels));
            // the person's feedback: how many gave it, and the share answering yes to each question (decision 45)
            model.addAttribute("feedbackCount", countFigure("feedback-count-chart", indicator(report,
                    "feedbackGiven"), null, labels));
            model.addAttribute("feedbackShares", shareFigure("feedback-chart",
                    List.of(indicator(report, "feedbackPositive")), labels));
            model.addAttribute("notComputed", notComputed(report, locale));
        } catch (RefusedAction refused) {
            if (refused.status() != 400) {
                throw refused;
            }
            model.addAttribute("refused", refused);
        }
        return "monitoring/indicators";
    }

    /** The API's CSV of the period (and breakdown), downloaded through this application. */
    @GetMapping("/csv")
    ResponseEntity<byte[]> csv(@RequestParam(name = "period") String period,
                               @RequestParam(name = "by", required = false) String by) {
        Download csv = by == null || by.isBlank()
                ? api.download("/api/statistics/indicators?period={period}&format=csv", period)
                : api.download("/api/statistics/indicators?period={period}&by={by}&format=csv", period, by);
        MediaType type = csv.headers().getContentType();
        return ResponseEntity.ok().contentType(type != null ? type : new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("nrm-indicators.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(csv.body());
    }

    /** How the page names groups, categories and indicators, in the person's language. */
    private final class Labels {
        private final String by;
        private final Locale locale;

        Labels(String by, Locale locale) {
            this.by = by;
            this.locale = locale;
        }

        String message(String key, Object... arguments) {
            return messages.getMessage(key, arguments, key, locale);
        }

        String value(String dimension, String value) {
            if (value == null) {
                return "";
            }
            if (value.equals("All")) {
                return message("indicators.all");
            }
            if (value.equals("Unknown")) {
                return message("statistics.unknown");
            }
            if (dimension == null) {
                return value;
            }
            if (dimension.equals("referral") || dimension.equals("ageBand")) {
                return messages.getMessage("indicators." + dimension + "." + value, null, value, locale);
            }
            String list = CODE_LISTS.get(dimension);
            return list == null ? value : codeLists.label(list, value);
        }

        /** The row's name: its group when broken down, then its category; {@code prefix} before both. */
        String row(String prefix, Map<String, Object> row, String category) {
            List<String> parts = new ArrayList<>();
            if (prefix != null) {
                parts.add(prefix);
            }
            if (by != null) {
                parts.add(value(by, (String) row.get("group")));
            }
            if (row.get("category") instanceof String value) {
                parts.add(value(category, value));
            }
            return parts.isEmpty() ? message("indicators.all") : String.join(" · ", parts);
        }

        String suppressed() {
            return message("statistics.suppressed");
        }
    }

    private static IndicatorFigure countFigure(String id, Map<String, Object> indicator, String category,
                                               Labels labels) {
        List<Value> values = rows(indicator).stream().map(row -> new Value(labels.row(null, row, category),
                row.get("count") instanceof Number count ? count.toString() : labels.suppressed(),
                number(row.get("count")))).toList();
        return IndicatorFigure.of(id, values, null);
    }

    private static List<Value> totals(Map<String, Object> report, Labels labels) {
        List<Value> totals = new ArrayList<>();
        for (String id : List.of("presumedVictims", "identifiedVictims")) {
            for (Map<String, Object> row : rows(indicator(report, id))) {
                totals.add(new Value(labels.row(labels.message("indicators." + id), row, null),
                        row.get("count") instanceof Number count ? count.toString() : labels.suppressed(),
                        number(row.get("count"))));
            }
        }
        return totals;
    }

    private static IndicatorFigure durationFigure(Map<String, Object> report, Labels labels) {
        List<Value> values = new ArrayList<>();
        for (String id : DURATIONS) {
            for (Map<String, Object> row : rows(indicator(report, id))) {
                boolean suppressed = Boolean.TRUE.equals(row.get("suppressed"));
                values.add(new Value(labels.row(labels.message("indicators." + id), row, null), suppressed
                        ? labels.message("indicators.duration.suppressed")
                        : labels.message("indicators.duration.figure", row.get("median"), row.get("p90"),
                        row.get("casesAtLeast")), suppressed ? null : number(row.get("median"))));
            }
        }
        return IndicatorFigure.of("durations-chart", values, null);
    }

    private static IndicatorFigure shareFigure(String id, List<Map<String, Object>> indicators, Labels labels) {
        List<Value> values = new ArrayList<>();
        for (Map<String, Object> indicator : indicators) {
            String category = (String) indicator.get("category");
            String name = category == null ? labels.message("indicators." + indicator.get("id")) : null;
            for (Map<String, Object> row : rows(indicator)) {
                boolean suppressed = Boolean.TRUE.equals(row.get("suppressed"));
                values.add(new Value(labels.row(name, row, category), suppressed ? labels.suppressed()
                        : labels.message("indicators.share.figure", row.get("percent"), row.get("count"), row.get("of")),
                        suppressed ? null : number(row.get("percent"))));
            }
        }
        return IndicatorFigure.of(id, values, 100.0);
    }

    private static IndicatorFigure countsFigure(Map<String, Object> report, Labels labels) {
        List<Value> values = new ArrayList<>();
        for (String id : COUNTS) {
            Map<String, Object> indicator = indicator(report, id);
            for (Map<String, Object> row : rows(indicator)) {
                values.add(new Value(labels.row(labels.message("indicators." + id), row,
                        (String) indicator.get("category")),
                        row.get("count") instanceof Number count ? count.toString() : labels.suppressed(),
                        number(row.get("count"))));
            }
        }
        return IndicatorFigure.of("counts-chart", values, null);
    }

    /** What the events cannot tell, in the person's language where the page has it. */
    @SuppressWarnings("unchecked")
    private List<String> notComputed(Map<String, Object> report, Locale locale) {
        if (!(report.get("notComputed") instanceof List<?> list)) {
            return List.of();
        }
        return ((List<Map<String, Object>>) list).stream().map(note -> messages.getMessage(
                "indicators.notComputed." + note.get("indicator"), null, String.valueOf(note.get("reason")), locale))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> indicator(Map<String, Object> report, String id) {
        if (report.get("indicators") instanceof List<?> list) {
            for (Object indicator : list) {
                if (indicator instanceof Map<?, ?> map && Objects.equals(map.get("id"), id)) {
                    return (Map<String, Object>) map;
                }
            }
        }
        return Map.of("id", id, "rows", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> indicator) {
        return indicator.get("rows") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }

    private static List<PeriodOption> years(LocalDate today) {
        List<PeriodOption> years = new ArrayList<>();
        for (int year = today.getYear(); year > today.getYear() - 5; year--) {
            years.add(new PeriodOption(Integer.toString(year), Integer.toString(year)));
        }
        return years;
    }

    private static List<PeriodOption> quarters(LocalDate today) {
        List<PeriodOption> quarters = new ArrayList<>();
        int year = today.getYear();
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        for (int i = 0; i < 8; i++) {
            quarters.add(new PeriodOption(year + "-Q" + quarter, year + " Q" + quarter));
            if (--quarter == 0) {
                quarter = 4;
                year--;
            }
        }
        return quarters;
    }

    private static List<PeriodOption> months(LocalDate today, Locale locale) {
        List<PeriodOption> months = new ArrayList<>();
        YearMonth month = YearMonth.from(today);
        for (int i = 0; i < 24; i++, month = month.minusMonths(1)) {
            months.add(new PeriodOption(month.toString(),
                    month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear()));
        }
        return months;
    }
}
