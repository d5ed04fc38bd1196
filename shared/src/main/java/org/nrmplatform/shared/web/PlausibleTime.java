package org.nrmplatform.shared.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An {@link java.time.Instant} or {@link java.time.LocalDate} in a request that every store and view can
 * hold: not before {@value TimeRange#EARLIEST}, and not after now plus the allowed clock skew
 * ({@code nrm.http.clock-skew}) unless it is a date still to come ({@link #future()}: a deadline, an end
 * date), which may reach {@value TimeRange#LATEST}. Java's extremes (year -999999999) would be stored and
 * then break every projection that converts them. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = {TimeRange.InstantInRange.class, TimeRange.DateInRange.class})
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface PlausibleTime {

    /** Whether the value may lie in the future: a deadline or the end of a period rather than a fact. */
    boolean future() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
