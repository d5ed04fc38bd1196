package org.nrmplatform.web;

import static org.assertj.core.api.Assertions.assertThat;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who reaches which page, decided before any call to the platform: each role's pages refuse the other roles
 * (403), nobody gets a page without signing in, and a form without its CSRF token is refused. What the pages show
 * once allowed is the browser suite's (infra, BrowserSuiteIT), against the running platform.
 */
// the API at a closed port: a page a role may open tries the platform and says it cannot be reached (503)
@SpringBootTest(properties = {"nrm.web.client-secret=a-secret-for-tests-only-0123456789abcdef",
        "nrm.web.api=http://127.0.0.1:1"})
@AutoConfigureMockMvc
class PageAccessTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        SessionStoreForTests.register(registry);
    }

    @Autowired
    MockMvc pages;

    @Autowired
    ClientRegistrationRepository registrations;

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
            "first-line, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "case-manager, /providers", "service-provider, /providers/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "operator, /providers/resources", "first-line, /providers/resources.csv", "monitor, /inbox/standards",
            "monitor, /emergencies", "service-provider, /emergencies/new", "identification-authority, /emergencies",
            "prosecutor, /emergencies/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d",
            "service-provider, /emergencies/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/persons"})
    void aRolesPagesAreRefusedToTheOtherRoles(String role, String page) throws Exception {
        pages.perform(get(page).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    /** A decision or an answer posted by another role (with a valid CSRF token) is refused before the API. */
    @ParameterizedTest
    @CsvSource({
            "case-manager, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decision",
            "service-provider, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decision",
            "case-manager, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/guardian",
            "first-line, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/guardian",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/acceptance",
            "identification-authority, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/decline",
            "case-manager, /providers/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/visits",
            "service-provider, /providers/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/corrective-actions/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/done",
            "prosecutor, /providers/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/licences",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/conferences",
            "monitor, /emergencies/new", "identification-authority, /emergencies/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/persons",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback/links",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback/links/9a1b2c3d-0000-4000-8000-000000000001/revocation"})
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
            "first-line, /worklist?stage=PRESUMED_VICTIM&overdue=true",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/conferences",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/conferences/9a1b2c3d-0000-4000-8000-000000000001",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/feedback",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan"})
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
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/transnational-referrals",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/transnational-referrals",
            "approver, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/transnational-referrals",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/closure",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure",
            "prosecutor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/possible-matches/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/link",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/possible-matches/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/dismiss",
            "case-manager, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/possible-matches/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/link",
            "monitor, /identification/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/possible-matches/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/dismiss",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/assistance-steps",
            "first-line, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/assistance-steps",
            "case-manager, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/completion",
            "identification-authority, /inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/completion",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/needs",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/goals",
            "monitor, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/services",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/agreement",
            "identification-authority, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/reviews",
            "service-provider, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/services/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/referral",
            "first-line, /cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/plan/services/9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e/referral"})
    void theCaseManagersAndProvidersNewFormsAreRefusedToTheOtherRoles(String role, String form) throws Exception {
        pages.perform(post(form).param("reason", "REINTEGRATED").param("reference", "GDPR Art. 17")
                        .param("requestedBy", "the person").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @CsvSource({"/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/erasure?reference=a&requestedBy=b",
            "/cases/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/providers?service=SAFE_ACCOMMODATION",
            "/worklist?state=open", "/inbox/referrals/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d", "/emergencies",
            "/emergencies/5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d/persons"})
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

    /**
     * The person's feedback page (decision 45) is open without signing in: it asks the API (here unreachable: 503),
     * never the sign-in, under the same Content-Security-Policy (no inline script); a token that cannot be one is the
     * page saying the link cannot be used, without asking the API; its form needs its CSRF token like any other.
     */
    @Test
    void thePersonsFeedbackPageIsOpenWithoutSigningIn() throws Exception {
        String token = "Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0cy1vbmx5LTAxMjM";
        pages.perform(get("/feedback/" + token)).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")));
        pages.perform(get("/feedback/not.a.token")).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("feedback-unusable")));
        pages.perform(post("/feedback/" + token).param("answer-SATISFIED", "YES"))
                .andExpect(status().isForbidden());
        pages.perform(get("/feedback/" + token + "/more")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
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
                .andExpect(redirectedUrl("/statistics"));
        pages.perform(get("/").with(oauth2Login().authorities()))
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
                .andExpect(content().string(containsString("<html lang=\"sr-Latn\"")));
        pages.perform(get("/signed-out").param("lang", "en").header("Accept-Language", "sr-Latn"))
                .andExpect(content().string(containsString("You are signed out")));
    }

    /** Each of the region's languages by the switch's link: its own texts and its BCP 47 tag on the page. */
    @ParameterizedTest
    @CsvSource({"en, You are signed out", "sq, Keni dalë", "mk, Одјавени сте", "sr-Latn, Odjavljeni ste",
            "sr-Cyrl, Одјављени сте", "bs, Odjavljeni ste", "hr, Odjavljeni ste", "cnr, Odjavljeni ste"})
    void eachLanguageOfTheSwitchShowsThePageInItself(String tag, String heading) throws Exception {
        pages.perform(get("/signed-out").param("lang", tag))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html lang=\"" + tag + "\""),
                        containsString(heading),
                        containsString("hreflang=\"" + tag + "\" lang=\"" + tag + "\" id=\"language-" + tag
                                + "\" aria-current=\"true\""))));
    }

    /** The switch names every language in itself and in its script, whatever the page's language. */
    @Test
    void theSwitchOffersTheEightLanguagesEachNamedInItself() throws Exception {
        pages.perform(get("/signed-out").param("lang", "mk"))
                .andExpect(content().string(allOf(containsString(">English</a>"), containsString(">Shqip</a>"),
                        containsString(">Македонски</a>"), containsString(">Srpski (latinica)</a>"),
                        containsString(">Српски (ћирилица)</a>"), containsString(">Bosanski</a>"),
                        containsString(">Hrvatski</a>"), containsString(">Crnogorski</a>"))));
    }

    /**
     * The browser's first language the pages are written in, by its language whatever its region; Serbian
     * without a script in Cyrillic; a language not offered, or a header that is not one, leaves English.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"de, mk;q=0.8, en;q=0.5 | mk", "hr-BA | hr", "sr | sr-Cyrl",
            "sr-Cyrl-RS | sr-Cyrl", "sq-MK,sq;q=0.9 | sq", "cnr | cnr", "bs-BA | bs", "de-AT | en",
            "en;q=x;;, | en", "*;q=0.1 | en"})
    void theBrowsersLanguagePicksTheFirstOfferedOne(String acceptLanguage, String shown) throws Exception {
        pages.perform(get("/signed-out").header("Accept-Language", acceptLanguage))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"" + shown + "\"")));
    }

    @Test
    void aLanguageThePagesAreNotWrittenInIsNotKept() throws Exception {
        pages.perform(get("/signed-out").param("lang", "de").header("Accept-Language", "hr"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(content().string(containsString("<html lang=\"hr\"")));
    }

    // --- the prosecutor's, the monitor's, the operator's and the administrator's pages ---

    static final List<String> ROLES = List.of("first-line", "identification-authority", "case-manager",
            "service-provider", "prosecutor", "monitor", "operator", "administrator", "approver");
    static final String A_CASE = "5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d";
    static final Map<String, List<String>> OVERSIGHT_PAGES = Map.of(
            "prosecutor", List.of("/prosecution", "/prosecution/cases/" + A_CASE, "/prosecution/exports/" + A_CASE,
                    "/prosecution/exports/" + A_CASE + "/export.pdf"),
            "monitor", List.of("/statistics", "/statistics/csv?groupBy=stage", "/statistics/indicators",
                    "/statistics/indicators?period=2026-Q4&by=region", "/statistics/indicators/csv?period=2026",
                    "/statistics/ctdc"),
            "operator", List.of("/projections", "/projections/table", "/projections/managed-cases/rebuild",
                    "/store-verifications", "/store-verifications/" + A_CASE,
                    "/store-verifications/" + A_CASE + "/progress"),
            "administrator", List.of("/administration", "/administration/organisations/" + A_CASE,
                    "/administration/users/" + A_CASE, "/administration/clients/demo-monitor",
                    "/administration/users/" + A_CASE + "/deactivation", "/retention", "/retention?on=2031-01-01"));
    static final Map<String, List<String>> OVERSIGHT_FORMS = Map.of(
            "prosecutor", List.of("/prosecution/cases/" + A_CASE + "/legal-basis",
                    "/prosecution/cases/" + A_CASE + "/exports"),
            "operator", List.of("/projections/managed-cases/rebuild", "/store-verifications"),
            "administrator", List.of("/administration/organisations",
                    "/administration/organisations/" + A_CASE + "/users",
                    "/administration/organisations/" + A_CASE + "/clients",
                    "/administration/users/" + A_CASE + "/roles",
                    "/administration/clients/demo-monitor/roles/monitor/revocation",
                    "/administration/users/" + A_CASE + "/deactivation"));

    static Stream<Arguments> oversightPagesAndOtherRoles() {
        return OVERSIGHT_PAGES.entrySet().stream().flatMap(owner -> owner.getValue().stream().flatMap(page ->
                ROLES.stream().filter(role -> !role.equals(owner.getKey())).map(role -> Arguments.of(page, role))));
    }

    static Stream<Arguments> oversightFormsAndOtherRoles() {
        return OVERSIGHT_FORMS.entrySet().stream().flatMap(owner -> owner.getValue().stream().flatMap(form ->
                ROLES.stream().filter(role -> !role.equals(owner.getKey())).map(role -> Arguments.of(form, role))));
    }

    @ParameterizedTest
    @MethodSource("oversightPagesAndOtherRoles")
    void theOversightPagesAreRefusedToEveryOtherRole(String page, String role) throws Exception {
        pages.perform(get(page).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    /** Posted by another role, with a valid CSRF token: refused before anything reaches the platform. */
    @ParameterizedTest
    @MethodSource("oversightFormsAndOtherRoles")
    void theOversightFormsAreRefusedToEveryOtherRole(String form, String role) throws Exception {
        pages.perform(post(form).param("role", "monitor").param("reference", "K-1/2026").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden());
    }

    @Test
    void signedOutTheOversightPagesLeadToTheSignIn() throws Exception {
        for (List<String> owned : OVERSIGHT_PAGES.values()) {
            for (String page : owned) {
                pages.perform(get(page)).andExpect(status().isFound())
                        .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
            }
        }
    }

    /**
     * Each role reaches its own pages: the prosecutor's case finder needs no call, the others ask the platform for
     * what they show (here at a closed port, so they say it cannot be reached; the browser suite shows them full).
     */
    @Test
    void eachOversightRoleReachesItsOwnPagesAndLandsOnItsMainPage() throws Exception {
        pages.perform(get("/prosecution").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_prosecutor"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"find-case\"")));
        pages.perform(get("/prosecution/cases/" + A_CASE)
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_prosecutor"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"legal-basis-form\"")));
        for (String[] own : new String[][] {{"monitor", "/statistics"}, {"monitor", "/statistics/indicators"},
                {"monitor", "/statistics/ctdc"}, {"operator", "/projections"},
                {"administrator", "/administration"}, {"administrator", "/retention"}}) {
            pages.perform(get(own[1]).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + own[0]))))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().string(containsString("The platform cannot be reached")));
        }
        for (String[] main : new String[][] {{"prosecutor", "/prosecution"}, {"monitor", "/statistics"},
                {"operator", "/projections"}, {"administrator", "/administration"}}) {
            pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + main[0]))))
                    .andExpect(redirectedUrl(main[1]));
        }
    }

    /** A case reference that is not one is named beside its field, in the person's language. */
    @Test
    void theProsecutorIsToldBesideTheFieldWhenACaseReferenceIsNotOne() throws Exception {
        pages.perform(get("/prosecution/cases").param("caseId", "K-123/2026")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_prosecutor"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"caseId-error\"")))
                .andExpect(content().string(containsString("This is not a case reference")))
                .andExpect(content().string(containsString("value=\"K-123/2026\"")));
        pages.perform(get("/prosecution/cases").param("caseId", " " + A_CASE + " ")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_prosecutor"))))
                .andExpect(redirectedUrl("/prosecution/cases/" + A_CASE));
    }

    /**
     * A court export is its owner's: the prosecutor who asked follows its page, another prosecutor finds neither the
     * page nor its files, and an id that is not an export's is found by nobody.
     */
    @Test
    void aCourtExportIsOnlyItsOwnersToFollow() throws Exception {
        String asked = pages.perform(post("/prosecution/cases/" + A_CASE + "/exports").with(csrf()).with(prosecutor("p-1")))
                .andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
        assertThat(asked).startsWith("/prosecution/exports/");
        pages.perform(get(asked).with(prosecutor("p-1"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"export-progress\"")));
        pages.perform(get(asked).with(prosecutor("p-2"))).andExpect(status().isNotFound());
        pages.perform(get(asked + "/export.pdf").with(prosecutor("p-2"))).andExpect(status().isNotFound());
        pages.perform(get("/prosecution/exports/" + A_CASE).with(prosecutor("p-1"))).andExpect(status().isNotFound());
    }

    private RequestPostProcessor prosecutor(String subject) {
        return oauth2Login().clientRegistration(registrations.findByRegistrationId("nrm"))
                .attributes(attributes -> attributes.put("sub", subject))
                .authorities(new SimpleGrantedAuthority("ROLE_prosecutor"));
    }

    static final String A_FLAG = "9a1d4c55-0c7e-4a55-9d55-5f0c2b1e7d4e";

    /** Each role that works a case raises and lifts flags from its own page of it; the forms are its own. */
    static final Map<String, List<String>> FLAG_FORMS = Map.of(
            "case-manager", List.of("/cases/" + A_CASE + "/flags", "/cases/" + A_CASE + "/flags/" + A_FLAG + "/lifting"),
            "identification-authority", List.of("/identification/cases/" + A_CASE + "/flags",
                    "/identification/cases/" + A_CASE + "/flags/" + A_FLAG + "/lifting"),
            "first-line", List.of("/screening/cases/" + A_CASE + "/flags",
                    "/screening/cases/" + A_CASE + "/flags/" + A_FLAG + "/lifting"));

    static Stream<Arguments> flagFormsAndEveryRole() {
        return FLAG_FORMS.entrySet().stream().flatMap(owner -> owner.getValue().stream().flatMap(form ->
                ROLES.stream().map(role -> Arguments.of(form, role, role.equals(owner.getKey())))));
    }

    /**
     * Posted with a valid CSRF token: another role is refused before anything reaches the platform; the page's
     * own role gets through to the platform (here at a closed port, so the page says it cannot be reached).
     */
    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("flagFormsAndEveryRole")
    void theFlagFormsAreTheirRolesOnly(String form, String role, boolean owner) throws Exception {
        pages.perform(post(form).param("category", "SAFETY_RISK").param("reason", "meet only at the centre")
                        .with(csrf()).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(owner ? status().isServiceUnavailable() : status().isForbidden());
    }

    @Test
    void signedOutTheFlagFormsAndTheCasePagesLeadToTheSignIn() throws Exception {
        for (String page : List.of("/cases/" + A_CASE, "/identification/cases/" + A_CASE,
                "/screening/cases/" + A_CASE)) {
            pages.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/oauth2/authorization/nrm"));
        }
        for (List<String> forms : FLAG_FORMS.values()) {
            for (String form : forms) {
                pages.perform(post(form).param("category", "SAFETY_RISK").param("reason", "r").with(csrf()))
                        .andExpect(status().isFound()).andExpect(redirectedUrl("/oauth2/authorization/nrm"));
            }
        }
    }

    @Test
    void aFlagFormWithoutItsCsrfTokenIsRefused() throws Exception {
        pages.perform(post("/cases/" + A_CASE + "/flags").param("category", "SAFETY_RISK").param("reason", "r")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_case-manager"))))
                .andExpect(status().isForbidden());
    }

    /** "My organisation's tasks": every role that works a case; the case manager assigns and cancels on a case. */
    static final List<String> TASK_ROLES = List.of("first-line", "case-manager", "identification-authority",
            "service-provider");

    static Stream<Arguments> everyRole() {
        return ROLES.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("everyRole")
    void theTasksPageIsTheWorkingRolesOnly(String role) throws Exception {
        boolean works = TASK_ROLES.contains(role);
        pages.perform(get("/tasks").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(works ? status().isServiceUnavailable() : status().isForbidden());
        pages.perform(post("/tasks/" + A_FLAG + "/completion").param("reason", "done").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(works ? status().isServiceUnavailable() : status().isForbidden());
        for (String form : List.of("/cases/" + A_CASE + "/tasks", "/cases/" + A_CASE + "/tasks/" + A_FLAG
                + "/cancellation")) {
            pages.perform(post(form).param("description", "check-up").param("reason", "r").with(csrf())
                            .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                    .andExpect(role.equals("case-manager") ? status().isServiceUnavailable() : status().isForbidden());
        }
    }

    @Test
    void signedOutTheTasksPageLeadsToTheSignIn() throws Exception {
        pages.perform(get("/tasks")).andExpect(status().isFound()).andExpect(redirectedUrl("/oauth2/authorization/nrm"));
        pages.perform(post("/tasks/" + A_FLAG + "/completion").param("reason", "r")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_service-provider"))))
                .andExpect(status().isForbidden()); // without its CSRF token
    }

    // --- national action plans: the monitor's and the administrator's (issue 19, point 2) ---

    static final List<String> COORDINATORS = List.of("monitor", "administrator");
    static final List<String> ACTION_PLAN_PAGES = List.of("/action-plans", "/action-plans/" + A_CASE,
            "/action-plans/" + A_CASE + "/report.pdf", "/action-plans/" + A_CASE + "/report.csv");
    static final List<String> ACTION_PLAN_FORMS = List.of("/action-plans", "/action-plans/" + A_CASE + "/objectives",
            "/action-plans/" + A_CASE + "/activities", "/action-plans/" + A_CASE + "/indicators",
            "/action-plans/" + A_CASE + "/values", "/action-plans/" + A_CASE + "/progress");

    static Stream<Arguments> actionPlanPagesAndFormsAndOtherRoles() {
        return ROLES.stream().filter(role -> !COORDINATORS.contains(role)).flatMap(role -> Stream.concat(
                ACTION_PLAN_PAGES.stream().map(page -> Arguments.of("GET", page, role)),
                ACTION_PLAN_FORMS.stream().map(form -> Arguments.of("POST", form, role))));
    }

    @ParameterizedTest
    @MethodSource("actionPlanPagesAndFormsAndOtherRoles")
    void theActionPlanPagesAndFormsAreRefusedToEveryOtherRole(String method, String path, String role)
            throws Exception {
        var person = oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role));
        pages.perform(method.equals("GET") ? get(path).with(person)
                        : post(path).param("title", "Plan").param("period", "2026").with(csrf()).with(person))
                .andExpect(status().isForbidden());
    }

    /** The monitor and the administrator reach them (here the platform is at a closed port: it says so). */
    @Test
    void theMonitorAndTheAdministratorReachTheActionPlansAndNobodySignedOutDoes() throws Exception {
        for (String role : COORDINATORS) {
            for (String page : List.of("/action-plans", "/action-plans/" + A_CASE)) {
                pages.perform(get(page).with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(content().string(containsString("The platform cannot be reached")));
            }
            pages.perform(post("/action-plans").param("title", "Plan")
                            .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                    .andExpect(status().isForbidden()); // no CSRF token
        }
        for (String page : ACTION_PLAN_PAGES) {
            pages.perform(get(page)).andExpect(status().isFound())
                    .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
        }
    }
    /** The approvals waiting for an organisation, and their forms: the approver's only, beside any work role. */
    @ParameterizedTest
    @MethodSource("everyRole")
    void theApprovalsPageIsTheApproversOnly(String role) throws Exception {
        boolean approves = role.equals("approver");
        pages.perform(get("/approvals").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(approves ? status().isServiceUnavailable() : status().isForbidden());
        pages.perform(post("/approvals/" + A_FLAG + "/approval").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(approves ? status().isServiceUnavailable() : status().isForbidden());
        pages.perform(post("/approvals/" + A_FLAG + "/rejection").param("reason", "no").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(approves ? status().isServiceUnavailable() : status().isForbidden());
    }

    /** My requests, and withdrawing one: whoever may ask for a held step, no one else. */
    @ParameterizedTest
    @MethodSource("everyRole")
    void myRequestsAreTheRequestersAndTheApprovers(String role) throws Exception {
        boolean asks = List.of("first-line", "case-manager", "identification-authority", "approver").contains(role);
        pages.perform(get("/approvals/mine").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(asks ? status().isServiceUnavailable() : status().isForbidden());
        pages.perform(post("/approvals/" + A_FLAG + "/withdrawal").with(csrf())
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(asks ? status().isServiceUnavailable() : status().isForbidden());
    }

    @Test
    void aPersonWhoOnlyApprovesLandsOnTheApprovalsAndACaseManagerWhoAlsoApprovesOnTheWorklist() throws Exception {
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_approver"))))
                .andExpect(redirectedUrl("/approvals"));
        pages.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_case-manager"),
                        new SimpleGrantedAuthority("ROLE_approver"))))
                .andExpect(redirectedUrl("/worklist"));
    }

    @Test
    void signedOutTheApprovalsLeadToTheSignInAndAFormWithoutItsCsrfTokenIsRefused() throws Exception {
        pages.perform(get("/approvals")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/nrm"));
        pages.perform(post("/approvals/" + A_FLAG + "/approval")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_approver"))))
                .andExpect(status().isForbidden());
    }

    /** The assistance plan's page and forms: the case manager's alone (503 here: the API is not reachable). */
    @ParameterizedTest
    @MethodSource("everyRole")
    void theAssistancePlanIsTheCaseManagersOnly(String role) throws Exception {
        boolean manages = role.equals("case-manager");
        pages.perform(get("/cases/" + A_CASE + "/plan")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(manages ? status().isServiceUnavailable() : status().isForbidden());
        for (String form : List.of("needs", "goals", "services", "agreement", "reviews",
                "services/" + A_FLAG + "/referral")) {
            pages.perform(post("/cases/" + A_CASE + "/plan/" + form).param("domain", "SAFETY").with(csrf())
                            .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                    .andExpect(manages ? status().isServiceUnavailable() : status().isForbidden());
        }
        pages.perform(post("/cases/" + A_CASE + "/plan/needs").param("domain", "SAFETY")
                        .with(oauth2Login().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
                .andExpect(status().isForbidden()); // without its CSRF token
    }
}
