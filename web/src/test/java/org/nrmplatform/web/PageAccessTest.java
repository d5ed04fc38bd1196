package org.nrmplatform.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import de.bwaldvogel.mongo.MongoServer;
import java.util.UUID;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who reaches which page, decided before any call to the platform: each role's pages refuse the other roles
 * (403), nobody gets a page without signing in, and a form without its CSRF token is refused. What the pages show
 * once allowed is the browser suite's (infra, BrowserSuiteIT), against the running platform.
 */
@SpringBootTest(properties = {"nrm.web.client-secret=a-secret-for-tests-only-0123456789abcdef"})
@AutoConfigureMockMvc
class PageAccessTest {

    /** Where the sessions are kept: an in-memory MongoDB-compatible server for this test. */
    private static final MongoServer STORE = new MongoServer(new MemoryBackend());
    private static final String STORE_URI = STORE.bindAndGetConnectionString();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("nrm.store.uri", () -> STORE_URI);
    }

    @AfterAll
    static void stopTheStore() {
        STORE.shutdownNow();
    }

    @Autowired
    MockMvc pages;

    @ParameterizedTest
    @CsvSource({
            "case-manager, /screening", "case-manager, /screening/new",
            "case-manager, /screening/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "first-line, /worklist", "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "monitor, /screening", "monitor, /worklist", "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "case-manager, /identification", "first-line, /identification",
            "service-provider, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "identification-authority, /worklist", "identification-authority, /screening",
            "identification-authority, /inbox", "case-manager, /inbox", "monitor, /inbox",
            "first-line, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d"})
    void aRolesPagesAreRefusedToTheOtherRoles(String role, String page) throws Exception {
        pages.perform(get(page).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    /** A decision or an answer posted by another role (with a valid CSRF token) is refused before the API. */
    @ParameterizedTest
    @CsvSource({
            "case-manager, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decision",
            "service-provider, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decision",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/acceptance",
            "identification-authority, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decline"})
    void aRolesFormsAreRefusedToTheOtherRoles(String role, String form) throws Exception {
        pages.perform(post(form).param("reason", "NO_CAPACITY").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    /** The case manager's work on a case and the provider's steps and completion, refused to every other role. */
    @ParameterizedTest
    @CsvSource({
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/providers?service=SAFE_ACCOMMODATION",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/providers?service=SAFE_ACCOMMODATION",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure?reference=a&requestedBy=b",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure?reference=a&requestedBy=b",
            "first-line, /worklist?stage=PRESUMED_VICTIM&overdue=true"})
    void theCaseManagersCasePagesAreRefusedToTheOtherRoles(String role, String page) throws Exception {
        pages.perform(get(page).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @CsvSource({
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/consents",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/consents",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/consents/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/withdrawal",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/guardian",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/reflection-period",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/referrals",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/referrals",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/closure",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure",
            "prosecutor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/assistance-steps",
            "first-line, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/assistance-steps",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/completion",
            "identification-authority, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/completion"})
    void theCaseManagersAndProvidersNewFormsAreRefusedToTheOtherRoles(String role, String form) throws Exception {
        pages.perform(post(form).param("reason", "REINTEGRATED").param("reference", "GDPR Art. 17")
                        .param("requestedBy", "the person").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @CsvSource({"/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure?reference=a&requestedBy=b",
            "/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/providers?service=SAFE_ACCOMMODATION",
            "/worklist?state=open", "/inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d"})
    void signedOutTheCaseManagersAndProvidersPagesLeadToTheSignIn(String page) throws Exception {
        pages.perform(get(page)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
    }

    /** An erasure (or any of the case manager's writes) without its CSRF token is refused before the API. */
    @Test
    void anErasureWithoutItsCsrfTokenIsRefused() throws Exception {
        pages.perform(post("/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure").param("reference", "GDPR Art. 17")
                        .param("requestedBy", "the person")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_case-manager"))))
                .andExpect(status().isForbidden());
    }

    @Test
    void withoutSigningInEveryPageLeadsToTheSignIn() throws Exception {
        pages.perform(get("/worklist")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
    }

    /** The browser holds only the session cookie: HttpOnly, SameSite, and Secure once the request came over TLS. */
    @Test
    void theSessionCookieIsHttpOnlySameSiteAndSecureOverTls() throws Exception {
        pages.perform(get("/worklist").secure(true)).andExpect(status().isFound())
                .andExpect(header().string("Set-Cookie", allOf(containsString("NRM_WEB_SESSION="),
                        containsString("HttpOnly"), containsString("SameSite=Lax"), containsString("Secure"))));
        pages.perform(get("/worklist")).andExpect(status().isFound())
                .andExpect(header().string("Set-Cookie", not(containsString("Secure"))));
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        pages.perform(post("/screening/new").param("municipality", "Novi Sad")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_first-line"))))
                .andExpect(status().isForbidden());
    }

    @Test
    void eachRoleLandsOnItsMainPage() throws Exception {
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_first-line"))))
                .andExpect(redirectedUrl("/screening"));
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_case-manager"))))
                .andExpect(redirectedUrl("/worklist"));
        pages.perform(get("/").with(oauth2Login().authorities(
                        new SimpleGrantedAuthority("ROLE_identification-authority"))))
                .andExpect(redirectedUrl("/identification"));
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_service-provider"))))
                .andExpect(redirectedUrl("/inbox"));
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_monitor"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("not in the web application yet")));
    }

    @Test
    void signingOutEndsTheSessionAndSaysSo() throws Exception {
        pages.perform(post("/logout").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_first-line"))))
                .andExpect(redirectedUrl("/signed-out"));
        pages.perform(get("/signed-out")).andExpect(status().isOk())
                .andExpect(content().string(containsString("You are signed out")));
    }

    /** A person's choice follows them to another browser (no language cookie there, a browser asking English). */
    @Test
    void theLanguageAPersonChoseFollowsThemToAnotherBrowser() throws Exception {
        String person = "person-" + UUID.randomUUID();
        var signedIn = oauth2Login().attributes(attributes -> attributes.put("sub", person))
                .authorities(new SimpleGrantedAuthority("ROLE_first-line"));
        pages.perform(get("/signed-out").param("lang", "sr-Latn").with(signedIn)).andExpect(status().isOk());

        pages.perform(get("/signed-out").header("Accept-Language", "en").with(signedIn))
                .andExpect(content().string(containsString("Odjavljeni ste")));
        pages.perform(get("/signed-out").header("Accept-Language", "en"))
                .andExpect(content().string(containsString("You are signed out")));
    }

    @Test
    void theLanguageFollowsTheBrowserUnlessThePersonChoseOne() throws Exception {
        pages.perform(get("/signed-out").header("Accept-Language", "sr-Latn-RS,sr;q=0.8"))
                .andExpect(content().string(containsString("Odjavljeni ste")))
                .andExpect(content().string(containsString("lang=\"sr-Latn-RS\"")));
        pages.perform(get("/signed-out").param("lang", "en").header("Accept-Language", "sr-Latn"))
                .andExpect(content().string(containsString("You are signed out")));
    }
}
