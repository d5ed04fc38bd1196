package org.nrmplatform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A form posted from another site arrives without the session cookie (SameSite=Lax): it is refused, and answered
 * without a new session cookie, which would replace the person's own and sign them out (the browser suite shows
 * the same with a real page on another site). In a context of its own: Spring Security's {@code csrf()} request
 * post-processor, used by the other page tests, replaces the CSRF token repository of the context it runs in.
 */
@SpringBootTest(properties = {"nrm.web.client-secret=a-secret-for-tests-only-0123456789abcdef",
        "spring.application.name=web-cross-site-form-test"})
@AutoConfigureMockMvc
class CrossSiteFormTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        SessionStoreForTests.register(registry);
    }

    @Autowired
    MockMvc pages;

    @Test
    void aFormFromAnotherSiteIsRefusedWithoutStartingASession() throws Exception {
        pages.perform(post("/screening/new").param("detectingSector", "POLICE"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }
}
