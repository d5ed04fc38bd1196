package org.nrmplatform.referralservice.consent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.referrals.CancellationReason;
import org.nrmplatform.referralservice.referrals.ReferralCommands.CancelReferral;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCancelled;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralCompleted;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralDeclined;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralRequested;
import org.nrmplatform.contracts.referrals.ReferralEvents.ReferralWithdrawn;
import org.nrmplatform.referralservice.knowncases.CaseState;
import org.nrmplatform.referralservice.knowncases.CaseStates;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent governs every disclosure: while a referral is active (requested or accepted) this process watches
 * its case's consents, and when the consent behind the referral is withdrawn and no other active consent
 * covers the same provider and service, it cancels the referral. An accepted referral is cancelled too: the
 * provider would otherwise go on receiving the case without a legal basis. The referring case manager sees
 * the cancellation (with the consent) in the outbox and arranges what follows with the data subject.
 *
 * <p>The saga store serialises its fields as JSON (the platform's serializer), hence field visibility.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@ProcessingGroup(ConsentBehindReferral.PROCESSING_GROUP)
public class ConsentBehindReferral {

    static final String PROCESSING_GROUP = "consent-behind-referrals";

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient CaseStates cases;

    private UUID referralId;
    private UUID caseId;
    private String providerOrganisationId;
    private String serviceType;
    private UUID consentId;
    /** Withdrawn since the referral was made: never to be taken as covering it, however late the case states are. */
    private final Set<UUID> withdrawn = new HashSet<>();

    @StartSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralRequested event) {
        referralId = event.referralId();
        caseId = event.caseId();
        providerOrganisationId = event.providerOrganisationId();
        serviceType = event.serviceType();
        consentId = event.consentId();
        SagaLifecycle.associateWith("caseId", caseId.toString());
    }

    @SagaEventHandler(associationProperty = "caseId")
    public void on(ConsentWithdrawn event) {
        withdrawn.add(event.consentId());
        if (!event.consentId().equals(consentId)) {
            return;
        }
        UUID replacement = cases.find(caseId).flatMap(state -> state.consentCovering(CaseState.REFERRAL,
                providerOrganisationId, serviceType, withdrawn)).orElse(null);
        if (replacement != null) {
            consentId = replacement;
            return;
        }
        commands.sendAndWait(new CancelReferral(referralId, CancellationReason.CONSENT_WITHDRAWN, event.consentId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralDeclined event) {
        // the referral ended; nothing left to protect
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralWithdrawn event) {
        // the referral ended; nothing left to protect
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralCompleted event) {
        // the referral ended; nothing left to protect
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralCancelled event) {
        // the referral ended; nothing left to protect
    }
}
