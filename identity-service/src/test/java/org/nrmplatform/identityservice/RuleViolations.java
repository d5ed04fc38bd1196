package org.nrmplatform.identityservice;

import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.nrmplatform.shared.domain.RuleViolation;

/** Matches a refusal by its kind and the field it names, for the aggregate fixtures. */
public final class RuleViolations {

    private RuleViolations() {
    }

    public static Matcher<RuleViolation> refusal(RuleViolation.Kind kind, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.kind() == kind && Objects.equals(violation.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " refusal naming field " + field);
            }
        };
    }
}
