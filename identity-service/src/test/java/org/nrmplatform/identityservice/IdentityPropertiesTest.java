package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The nrm.identity settings are checked at start: a bad setting stops the service with a clear message. */
class IdentityPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdentityProperties.class)
    static class Settings {
    }

    private static final String KEY = "nrm.identity.key-encryption-key=dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZSE=";

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues(KEY);

    @Test
    void theDefaultsAreTenMinuteTokensAndAnHourOfKeyRetention() {
        runner.run(context -> {
            IdentityProperties properties = context.getBean(IdentityProperties.class);
            assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.keyRetention()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.demo().enabled()).isFalse();
            assertThat(properties.cliRedirectUris()).hasSize(2);
        });
    }

    @Test
    void tokensMayNotLiveLongerThanFifteenMinutes() {
        runner.withPropertyValues("nrm.identity.token-lifetime=PT16M").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("tokenLifetime"));
    }

    @Test
    void keysMustStayPublishedLongerThanTokensLive() {
        runner.withPropertyValues("nrm.identity.token-lifetime=PT10M", "nrm.identity.key-retention=PT10M")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("key-retention must be longer"));
    }

    @Test
    void aKeyEncryptionKeyIsRequiredAndTheRefusalSaysWhatToSet() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("keyEncryptionKey")
                        .hasMessageContaining("NRM_IDENTITY_KEYENCRYPTIONKEY"));
    }

    @Test
    void aKeyEncryptionKeyMustBeThirtyTwoBytes() {
        runner.withPropertyValues("nrm.identity.key-encryption-key=c2hvcnQ=").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("32 random bytes"));
    }
}
