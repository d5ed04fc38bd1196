package org.nrmplatform.caseservice.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A month ({@code 2026-11}), quarter ({@code 2026-Q4}) or year ({@code 2026}) in UTC: what an indicator
 * counts falls in it when the event that makes it countable was recorded in it.
 *
 * @param until the first day after the period
 */
record ReportingPeriod(String name, Kind kind, LocalDate from, LocalDate until) {

    enum Kind { MONTH, QUARTER, YEAR }

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    static Optional<ReportingPeriod> parse(String text) {
        Matcher matcher;
        if ((matcher = YEAR.matcher(text)).matches()) {
            LocalDate from = LocalDate.of(Integer.parseInt(matcher.group(1)), 1, 1);
            return Optional.of(new ReportingPeriod(text, Kind.YEAR, from, from.plusYears(1)));
        }
        if ((matcher = QUARTER.matcher(text)).matches()) {
            LocalDate from = LocalDate.of(Integer.parseInt(matcher.group(1)),
                    (Integer.parseInt(matcher.group(2)) - 1) * 3 + 1, 1);
            return Optional.of(new ReportingPeriod(text, Kind.QUARTER, from, from.plusMonths(3)));
        }
        if ((matcher = MONTH.matcher(text)).matches()) {
            LocalDate from = YearMonth.parse(text).atDay(1);
            return Optional.of(new ReportingPeriod(text, Kind.MONTH, from, from.plusMonths(1)));
        }
        return Optional.empty();
    }

    /** The period of this kind holding {@code day}. */
    static ReportingPeriod of(Kind kind, LocalDate day) {
        return switch (kind) {
            case YEAR -> parse(Integer.toString(day.getYear())).orElseThrow();
            case QUARTER -> parse(day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1)).orElseThrow();
            case MONTH -> parse(YearMonth.from(day).toString()).orElseThrow();
        };
    }

    boolean contains(Instant instant) {
        return instant != null && !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Whether {@code instant} is before the period ends (what has happened by its end). */
    boolean byEnd(Instant instant) {
        return instant != null && instant.isBefore(end());
    }

    private Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Instant end() {
        return until.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
