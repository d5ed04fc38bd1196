package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EveryOperation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of identity-service's OpenAPI document refuses callers without the role before reading a byte:
 * a token holder does not learn, for instance, the rules of {@code POST /api/identity/clients} from a 400.
 */
class AuthorizationBeforeValidationTest extends IdentityServiceTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping endpoints;

    @Test
    void everyOperationRefusesCallersWithoutTheRoleWhateverTheySend() throws Exception {
        EveryOperation walk = new EveryOperation(baseUrl(), endpoints, this::token);

        assertThat(walk.callersWithoutTheRoleAreRefusedWhateverTheyHaveSent()).isEmpty();
        assertThat(walk.operations()).isGreaterThan(15);
    }
}
