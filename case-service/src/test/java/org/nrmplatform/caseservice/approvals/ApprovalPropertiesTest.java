package org.nrmplatform.caseservice.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.nrmplatform.shared.approvals.ApprovalProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What an installation's setting (or NRM_APPROVALS_REQUIRED) holds for approval: all four unless told, none when empty. */
class ApprovalPropertiesTest {

    private static ApprovalProperties bound(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("nrm.approvals", ApprovalProperties.class);
    }

    @Test
    void byDefaultTheFourStepsThatCannotBeTakenBackAreHeld() {
        assertThat(bound(Map.of()).required()).containsExactlyInAnyOrder(ApprovedAction.values());
    }

    @Test
    void anEmptySettingHoldsNothingAndAListHoldsWhatItNames() {
        assertThat(bound(Map.of("nrm.approvals.required", "")).required()).isEmpty();
        ApprovalProperties closures = bound(Map.of("nrm.approvals.required", "CASE_CLOSURE, SUBJECT_ERASURE"));
        assertThat(closures.requires(ApprovedAction.CASE_CLOSURE)).isTrue();
        assertThat(closures.requires(ApprovedAction.IDENTIFICATION_DECISION)).isFalse();
    }

    @Test
    void anUnknownStepIsRefused() {
        assertThatThrownBy(() -> bound(Map.of("nrm.approvals.required", "CASE_CLOSING")))
                .isInstanceOf(BindException.class);
    }
}
