package org.nrmplatform.shared.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The times a request may carry (see {@link PlausibleTime}): from {@value #EARLIEST} to now plus the allowed
 * clock skew, or to {@value #LATEST} for dates still to come. "Now" is the application's {@link Clock} when it
 * has one.
 */
public final class TimeRange {

    static final String EARLIEST = "1900-01-01";
    static final String LATEST = "9999-12-31";
    private static final LocalDate FIRST_DAY = LocalDate.parse(EARLIEST);
    private static final LocalDate LAST_DAY = LocalDate.parse(LATEST);

    private final Clock clock;
    private final Duration clockSkew;

    public TimeRange(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** Null when the instant is in range, otherwise what is wrong with it. */
    public String refusal(Instant value, boolean future) {
        if (value.isBefore(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return "must not be before " + EARLIEST;
        }
        if (future) {
            return value.isAfter(LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    ? "must not be after " + LATEST : null;
        }
        return value.isAfter(clock.instant().plus(clockSkew))
                ? "must not be in the future (allowed clock skew " + clockSkew + ")" : null;
    }

    /** Null when the date is in range; "today" is the latest date anywhere on earth at now plus the skew. */
    public String refusal(LocalDate value, boolean future) {
        if (value.isBefore(FIRST_DAY)) {
            return "must not be before " + EARLIEST;
        }
        if (future) {
            return value.isAfter(LAST_DAY) ? "must not be after " + LATEST : null;
        }
        LocalDate latestToday = LocalDate.ofInstant(clock.instant().plus(clockSkew), ZoneOffset.MAX);
        return value.isAfter(latestToday) ? "must not be in the future" : null;
    }

    /** Built by Spring's validator factory, which passes the application's {@link TimeRange}. */
    private abstract static class InRange<T> implements ConstraintValidator<PlausibleTime, T> {

        private final TimeRange range;
        private boolean future;

        InRange(TimeRange range) {
            this.range = range;
        }

        @Override
        public void initialize(PlausibleTime annotation) {
            future = annotation.future();
        }

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            String refusal = value == null ? null : refusal(range, value, future);
            if (refusal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
            return false;
        }

        abstract String refusal(TimeRange range, T value, boolean future);
    }

    public static final class InstantInRange extends InRange<Instant> {

        public InstantInRange(TimeRange range) {
            super(range);
        }

        @Override
        String refusal(TimeRange range, Instant value, boolean future) {
            return range.refusal(value, future);
        }
    }

    public static final class DateInRange extends InRange<LocalDate> {

        public DateInRange(TimeRange range) {
            super(range);
        }

        @Override
        String refusal(TimeRange range, LocalDate value, boolean future) {
            return range.refusal(value, future);
        }
    }
}
