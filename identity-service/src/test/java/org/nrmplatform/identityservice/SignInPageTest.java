package org.nrmplatform.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page over real HTTP, in the region's languages: chosen from {@code Accept-Language} by the platform's
 * rule (quality values, plain {@code sr} in Cyrillic, English when none is spoken) or with the page's switch, which
 * keeps the authorization request the person came with; refusals are said in the page's language, and the page
 * keeps its Content-Security-Policy.
 */
class SignInPageTest extends IdentityServiceTest {

    @Test
    void albanianFirstAmongTheBrowsersLanguagesGivesTheAlbanianPage() {
        OAuthClient.Answer page = page("de-DE, sq;q=0.9, en;q=0.5");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("<html lang=\"sq\">", "<label for=\"username\">Emri i përdoruesit</label>",
                "<label for=\"password\">Fjalëkalimi</label>", "Identifikohu</button>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "style-src 'self'",
                "frame-ancestors 'none'");
        assertThat(page.raw().body()).doesNotContain("<script").doesNotContain("<style").doesNotContain("style=");
    }

    @Test
    void serbianWithoutAScriptIsCyrillicAndAnUnspokenLanguageIsEnglish() {
        assertThat(page("sr").raw().body()).contains("<html lang=\"sr-Cyrl\">", "Корисничко име", "Лозинка");
        assertThat(page("sr-Latn-RS").raw().body()).contains("<html lang=\"sr-Latn\">", "Korisničko ime");
        assertThat(page("de-DE, fr;q=0.8").raw().body()).contains("<html lang=\"en\">", ">User name</label>");
        assertThat(page("mk;q=0, hr;q=0.5").raw().body()).as("q=0 is not acceptable")
                .contains("<html lang=\"hr\">");
    }

    @Test
    void aFailedSignInIsSaidInThePagesLanguage() {
        OAuthClient browser = new OAuthClient(baseUrl());
        Map<String, String> croatian = Map.of("Accept", "text/html", "Accept-Language", "hr-HR");
        String csrf = OAuthClient.csrfToken(browser.get("/login", croatian).raw().body());
        OAuthClient.Answer refused = browser.postForm("/login", Map.of("username",
                "nobody-" + UUID.randomUUID().toString().substring(0, 8), "password", "not the password",
                "_csrf", csrf), croatian);
        assertThat(refused.header("Location")).endsWith("/login?error");

        OAuthClient.Answer page = browser.get(refused.header("Location"), croatian);

        assertThat(page.raw().body()).contains("<html lang=\"hr\">", "id=\"sign-in-refused\"",
                "Korisničko ime ili lozinka nisu točni");
    }

    @Test
    void theSwitchChangesTheLanguageAndTheSignInStillReturnsToTheClientThatAsked() {
        OAuthClient browser = new OAuthClient(baseUrl());
        Map<String, String> english = Map.of("Accept", "text/html", "Accept-Language", "en-GB");
        String verifier = OAuthClient.codeVerifier();
        OAuthClient.Answer toLogin = browser.get(authorize("nrm-cli", CALLBACK, OAuthClient.codeChallenge(verifier)),
                english);
        assertThat(toLogin.header("Location")).endsWith("/login");
        assertThat(browser.get("/login", english).raw().body()).contains("<html lang=\"en\">")
                .contains("href=\"/login?lang=mk\"");

        OAuthClient.Answer switched = browser.get("/login?lang=mk", english);

        assertThat(switched.raw().body()).contains("<html lang=\"mk\">", "Корисничко име");
        assertThat(switched.header("Set-Cookie")).startsWith("NRM_WEB_LANGUAGE=mk;").contains("Path=/");
        OAuthClient.Answer again = browser.get("/login", english);
        assertThat(again.raw().body()).as("the choice outlasts the page").contains("<html lang=\"mk\">");
        assertThat(browser.get("/login?lang=de", english).raw().body()).as("a language not spoken changes nothing")
                .contains("<html lang=\"mk\">");

        OAuthClient.Answer signedIn = browser.postForm("/login", Map.of("username", "demo-case-manager",
                "password", "demo-case-manager-Pa55!", "_csrf", OAuthClient.csrfToken(again.raw().body())), english);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).as("back to the saved authorization request")
                .contains("/oauth2/authorize").contains("client_id=nrm-cli");
        OAuthClient.Answer toCallback = browser.get(signedIn.header("Location"), english);
        assertThat(toCallback.header("Location")).startsWith(CALLBACK + "?code=").contains("state=xyz");
    }

    @Test
    void aSignedOutPersonIsToldSoAndTheStylesheetIsServed() {
        assertThat(oauth.get("/login?logout", Map.of("Accept", "text/html", "Accept-Language", "bs"))
                .raw().body()).contains("<html lang=\"bs\">", "id=\"signed-out\"", "Odjavljeni ste.");
        OAuthClient.Answer stylesheet = oauth.get("/default-ui.css", Map.of());
        assertThat(stylesheet.status()).isEqualTo(200);
        assertThat(stylesheet.header("Content-Type")).startsWith("text/css");
        assertThat(oauth.get("/login?wait=7", Map.of("Accept", "text/html", "Accept-Language", "cnr")).raw().body())
                .contains("<html lang=\"cnr\">", "Sačekajte 7 s");
        assertThat(oauth.get("/login?wait=%3Cb%3E", Map.of("Accept", "text/html")).raw().body())
                .as("only a number of seconds is shown").doesNotContain("sign-in-wait").doesNotContain("<b>");
    }

    private OAuthClient.Answer page(String acceptLanguage) {
        return new OAuthClient(baseUrl()).get("/login", Map.of("Accept", "text/html",
                "Accept-Language", acceptLanguage));
    }
}
