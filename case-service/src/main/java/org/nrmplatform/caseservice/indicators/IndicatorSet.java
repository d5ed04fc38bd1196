package org.nrmplatform.caseservice.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.IndicatorAnswer;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * A versioned set of screening indicators for one sector, as shipped in {@code indicator-sets/}.
 * A published version never changes; a revision is a new file with the next version.
 */
public record IndicatorSet(String id, String family, int version, String title, AppliesTo appliesTo,
                           LocalDate publishedOn, List<String> sources, ReasonableGrounds reasonableGrounds,
                           List<Indicator> indicators) {

    public enum AppliesTo { ANY, CHILD }

    public enum Strength { STRONG, MEDIUM, WEAK }

    /** Reasonable grounds are indicated by at least minStrong strong, or minMedium strong-or-medium, indicators. */
    public record ReasonableGrounds(int minStrong, int minMedium) {
    }

    /** {@code htcds} names the HTCDS field and value the indicator corresponds to, where one does. */
    public record Indicator(String code, String category, Strength strength, String text, HtcdsValue htcds) {
    }

    public record HtcdsValue(String field, String value) {
    }

    /** This set worded in another language: the title and each indicator's text; codes and scoring unchanged. */
    IndicatorSet worded(String otherTitle, Map<String, String> texts) {
        List<Indicator> reworded = indicators.stream().map(indicator -> new Indicator(indicator.code(),
                indicator.category(), indicator.strength(), texts.getOrDefault(indicator.code(), indicator.text()),
                indicator.htcds())).toList();
        return new IndicatorSet(id, family, version, otherTitle == null ? title : otherTitle, appliesTo, publishedOn,
                sources, reasonableGrounds, reworded);
    }

    public boolean appliesTo(AgeCategory ageCategory) {
        return appliesTo == AppliesTo.ANY || ageCategory == AgeCategory.CHILD;
    }

    /** Scores the answers; every answered code must belong to this set. */
    public AssessmentResult assess(Map<String, IndicatorAnswer> answers) {
        List<String> unknown = answers.keySet().stream()
                .filter(code -> indicators.stream().noneMatch(indicator -> indicator.code().equals(code)))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw RuleViolation.ruleNotMet("answers", "indicator code(s) " + unknown + " are not in set " + id);
        }
        List<String> present = new ArrayList<>();
        int strong = 0;
        int medium = 0;
        for (Indicator indicator : indicators) {
            if (answers.get(indicator.code()) == IndicatorAnswer.PRESENT) {
                present.add(indicator.code());
                if (indicator.strength() == Strength.STRONG) {
                    strong++;
                }
                if (indicator.strength() != Strength.WEAK) {
                    medium++;
                }
            }
        }
        boolean grounds = strong >= reasonableGrounds.minStrong() || medium >= reasonableGrounds.minMedium();
        return new AssessmentResult(answers.size(), present.size(), strong, medium, List.copyOf(present), grounds);
    }
}
