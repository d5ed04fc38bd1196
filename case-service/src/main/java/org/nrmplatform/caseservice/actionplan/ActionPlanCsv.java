package org.nrmplatform.caseservice.actionplan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ActivityLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.IndicatorLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.ObjectiveLine;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodStatus;
import org.nrmplatform.caseservice.actionplan.ActionPlanReport.PeriodValue;

/**
 * A plan's report as CSV (RFC 4180, as the indicators' CSV): one line per activity or indicator and period reported
 * on (one line without a period when there is none yet), then one line per period's narrative.
 */
final class ActionPlanCsv {

    static final List<String> HEADER = List.of("objective", "item", "name", "responsible", "deadline",
            "implementation", "unit", "baseline", "target", "source", "period", "value", "suppressed", "status",
            "note");

    private ActionPlanCsv() {
    }

    static String of(ActionPlanReport report) {
        StringBuilder csv = new StringBuilder(line(HEADER));
        for (ObjectiveLine objective : report.objectives()) {
            for (ActivityLine activity : objective.activities()) {
                List<Object> item = List.of(objective.title(), "activity", activity.title(),
                        activity.responsibleInstitution(), activity.deadline(), activity.status(), "", "", "", "");
                if (activity.periods().isEmpty()) {
                    csv.append(line(item, "", "", "", "", ""));
                }
                for (PeriodStatus period : activity.periods()) {
                    csv.append(line(item, period.period(), "", "", period.status(), ""));
                }
            }
            for (IndicatorLine indicator : objective.indicators()) {
                String source = indicator.source().equals("computed")
                        ? "computed: " + indicator.boundTo() + (indicator.category() == null ? "" : " " + indicator.category())
                        : "reported";
                List<Object> item = List.of(objective.title(), "indicator", indicator.name(),
                        Objects.toString(indicator.reportedBy(), ""), "", "", indicator.unit(),
                        indicator.baseline().toPlainString(), indicator.target().toPlainString(), source);
                if (indicator.periods().isEmpty()) {
                    csv.append(line(item, "", "", "", "", ""));
                }
                for (PeriodValue period : indicator.periods()) {
                    csv.append(line(item, period.period(), period.value() == null ? "" : period.value().toPlainString(),
                            period.suppressed(), period.status(), period.note()));
                }
            }
        }
        report.narratives().forEach(narrative -> csv.append(line(List.of("", "narrative", "", "", "", "", "", "", "",
                "", narrative.period(), "", "", "", narrative.narrative()))));
        return csv.toString();
    }

    private static String line(List<Object> item, Object... period) {
        List<Object> fields = new ArrayList<>(item);
        fields.addAll(Arrays.asList(period));
        return line(fields);
    }

    private static String line(List<?> fields) {
        return fields.stream().map(field -> quoted(Objects.toString(field, ""))).collect(Collectors.joining(","))
                + "\r\n";
    }

    private static String quoted(String field) {
        return field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
