package org.nrmplatform.shared.approvals;

import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;
import org.nrmplatform.contracts.approvals.ApprovedAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param required the steps this installation holds for a second person's approval (env
 *                 {@code NRM_APPROVALS_REQUIRED}, comma-separated; empty for none). By default the four whose
 *                 consequences cannot be taken back: a case's closure, the identification decision, the erasure
 *                 of the data subject and a transnational referral (case-service holds the first three, referral-service the last)
 */
@Validated
@ConfigurationProperties("nrm.approvals")
public record ApprovalProperties(
        @DefaultValue({"CASE_CLOSURE", "IDENTIFICATION_DECISION", "SUBJECT_ERASURE", "TRANSNATIONAL_REFERRAL"})
        Set<@NotNull ApprovedAction> required) {

    public ApprovalProperties {
        required = required == null || required.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(required));
    }

    public boolean requires(ApprovedAction action) {
        return required.contains(action);
    }
}
