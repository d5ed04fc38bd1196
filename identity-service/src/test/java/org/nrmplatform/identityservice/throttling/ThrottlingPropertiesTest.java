package org.nrmplatform.identityservice.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nrmplatform.throttling.Limit;

class ThrottlingPropertiesTest {

    private static final Limit ANY = new Limit(10, Duration.ofMinutes(1));

    private static ThrottlingProperties with(int backoffAfter, Duration base, Duration cap) {
        return new ThrottlingProperties(new ThrottlingProperties.TokenEndpoint(ANY, ANY),
                new ThrottlingProperties.SignIn(ANY, ANY), ANY, backoffAfter, base, cap, 10, Duration.ofMinutes(15),
                Duration.ofHours(24), Duration.ofHours(1));
    }

    @Test
    void afterTheFreeFailuresEachFailureDoublesTheWaitUpToTheCap() {
        ThrottlingProperties properties = with(3, Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(IntStream.rangeClosed(1, 11).mapToObj(properties::backoffAfter).map(Duration::toSeconds))
                .containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(properties.backoffAfter(1_000_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aCapShorterThanTheBaseOrALimitOfNoRequestsIsRefusedAtStart() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(with(3, Duration.ofSeconds(1), Duration.ofMinutes(1)))).isEmpty();
        assertThat(validator.validate(with(3, Duration.ofMinutes(2), Duration.ofMinutes(1))))
                .extracting(violation -> violation.getMessage()).containsExactly(
                        "nrm.identity.throttling.backoff-cap must not be shorter than backoff-base");
        ThrottlingProperties noRequests = new ThrottlingProperties(new ThrottlingProperties.TokenEndpoint(
                new Limit(0, Duration.ofMinutes(1)), ANY), new ThrottlingProperties.SignIn(ANY, ANY), ANY, 3,
                Duration.ofSeconds(1), Duration.ofMinutes(1), 10, Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofHours(1));
        assertThat(validator.validate(noRequests)).extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("tokenEndpoint.perClient.requests");
    }
}
