package org.nrmplatform.referralservice;

import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.observability.EventErrorPolicy;
import org.nrmplatform.shared.testing.EveryProcessor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * referral-service's processors and its saga are held at an event they cannot apply, never skip it: the
 * platform's policy, not a setting of its own.
 */
class ErrorPolicyTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventErrorPolicy policy;

    @Test
    void everyProcessorFollowsThePlatformsErrorPolicy() {
        EveryProcessor.followsThePolicy(processing, policy);
    }
}
