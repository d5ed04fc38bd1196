package org.nrmplatform.identityservice;

import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.observability.EventErrorPolicy;
import org.nrmplatform.shared.testing.EveryProcessor;
import org.springframework.beans.factory.annotation.Autowired;

/** identity-service's views are held at an event they cannot apply, never skip it: the platform's policy. */
class ErrorPolicyTest extends IdentityServiceTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventErrorPolicy policy;

    @Test
    void everyProcessorFollowsThePlatformsErrorPolicy() {
        EveryProcessor.followsThePolicy(processing, policy);
    }
}
