package org.nrmplatform.caseservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EveryOperation;
import org.nrmplatform.shared.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every operation of case-service's OpenAPI document refuses callers without the role before reading a byte. */
class AuthorizationBeforeValidationTest extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping endpoints;

    @Test
    void everyOperationRefusesCallersWithoutTheRoleWhateverTheySend() throws Exception {
        EveryOperation walk = new EveryOperation("http://127.0.0.1:" + port, endpoints,
                role -> TestTokens.get().forRole(role, POLICE));

        assertThat(walk.callersWithoutTheRoleAreRefusedWhateverTheyHaveSent()).isEmpty();
        assertThat(walk.operations()).isGreaterThan(20);
    }
}
