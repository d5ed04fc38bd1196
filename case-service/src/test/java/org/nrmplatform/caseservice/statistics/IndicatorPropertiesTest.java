package org.nrmplatform.caseservice.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The indicators' settings are checked at start: a bad one stops case-service, saying which. */
class IndicatorPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IndicatorProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void byDefaultAGuardianIsDueWithinThreeDaysAndEachMunicipalityIsItsOwnRegion() {
        runner.run(context -> {
            IndicatorProperties properties = context.getBean(IndicatorProperties.class);
            assertThat(properties.guardianTargetDays()).isEqualTo(3);
            assertThat(properties.regionOf(" Novi Sad ")).contains("Novi Sad");
            assertThat(properties.regionOf(null)).isEmpty();
        });
    }

    @Test
    void aRegionIsItsMunicipalitiesWhateverTheirCase() {
        runner.withPropertyValues("nrm.statistics.indicators.regions.Vojvodina[0]=Novi Sad",
                "nrm.statistics.indicators.regions.Vojvodina[1]=Subotica",
                "nrm.statistics.indicators.regions.Beograd[0]=Beograd").run(context -> {
                    IndicatorProperties properties = context.getBean(IndicatorProperties.class);
                    assertThat(properties.regionOf("novi sad")).contains("Vojvodina");
                    assertThat(properties.regionOf("Beograd")).contains("Beograd");
                    assertThat(properties.regionOf("Niš")).as("in no configured region").isEmpty();
                });
    }

    @Test
    void aMunicipalityInTwoRegionsIsRefused() {
        runner.withPropertyValues("nrm.statistics.indicators.regions.Vojvodina[0]=Novi Sad",
                "nrm.statistics.indicators.regions.Backa[0]=NOVI SAD").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("one region only"));
    }

    @Test
    void theGuardianTargetIsBetweenZeroAndAYear() {
        runner.withPropertyValues("nrm.statistics.indicators.guardian-target-days=-1").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("guardianTargetDays"));
        runner.withPropertyValues("nrm.statistics.indicators.guardian-target-days=366").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("guardianTargetDays"));
    }
}
