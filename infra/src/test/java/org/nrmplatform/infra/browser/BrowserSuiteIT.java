package org.nrmplatform.infra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.nrmplatform.infra.launcher.LocalPlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web application in a real browser: Debian's headless Chromium driven by Selenium through chromium-driver,
 * against the whole platform started as a newcomer starts it ({@code infra/nrm up}, embedded store, demo NRM) on
 * free ports. A first-line officer signs in, opens a case, answers an indicator set and flags the person; the case
 * manager finds the case in the worklist and reads its timeline; the identification authority decides on it; the
 * shelter accepts a referral from its inbox (made by the case manager through the API); a role cannot reach another role's pages; a form
 * sent without its CSRF token is refused; signing out ends the session. Every sign-in redirect stays at the
 * gateway's address. Each page visited is checked with axe-core (WCAG 2.1 A and AA rules). Screenshots of each
 * role's main page go to docs/screenshots/.
 * <p>
 * Skipped, with the reason printed, where chromium or chromium-driver is not installed
 * ({@code apt-get install chromium chromium-driver}; .ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserSuiteIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("nrm.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("nrm.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = LocalPlatform.REPOSITORY.resolve("docs/screenshots");
    /** Waits for what a page shows after a click; generous, since the build machine may be busy. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalPlatform platform = new LocalPlatform();
    private String gateway;
    private boolean started;
    private WebDriver browser;
    private WebDriverWait wait;
    private String familyName;
    private String caseId;
    private long suiteStart;

    @BeforeAll
    void startThePlatformAndTheBrowser() throws Exception {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (Debian package chromium)"
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " (Debian package chromium-driver)" : null;
        if (missing != null) {
            System.out.println("Browser suite SKIPPED: " + missing + " is not installed; "
                    + "apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(missing == null, () -> "the browser suite needs " + missing);
        suiteStart = System.nanoTime();
        String running = System.getProperty("nrm.browser-suite.gateway");
        if (running != null) {
            // while working on the pages: against a platform already up (infra/nrm up), e.g. -Dnrm.browser-suite.gateway=http://127.0.0.1:8080
            gateway = running;
            startBrowser();
            return;
        }
        platform.prepare();
        gateway = platform.gateway();
        started = true;
        String up = platform.launcher("up");
        System.out.printf("platform start for the browser suite: %.1f s%n", (System.nanoTime() - suiteStart) / 1e9);
        assertThat(up).as("infra/nrm up prints the one address for people").contains("Sign in:  " + gateway + "/web/");
        startBrowser();
    }

    private void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        wait = new WebDriverWait(browser, PATIENCE);
        familyName = "Browser-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (started) {
            platform.downAndRemove();
            System.out.printf("browser suite, platform start and stop included: %.1f s%n",
                    (System.nanoTime() - suiteStart) / 1e9);
        }
    }

    /** The address people are given is the only one the sign-in ever sends them to. */
    @Test
    @Order(1)
    void theSignInNeverLeavesThePublicAddress() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<String> visited = new ArrayList<>();
        HttpResponse<String> answer = follow(http, get(gateway + "/web/"), visited);
        assertThat(answer.uri().getPath()).isEqualTo("/login");
        String csrf = hiddenValue(answer.body(), "_csrf");
        answer = follow(http, HttpRequest.newBuilder(URI.create(gateway + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "demo-first-line",
                        "password", "demo-first-line-Pa55!", "_csrf", csrf)))), visited);

        assertThat(answer.statusCode()).as("signed in, on the first-line officer's page").isEqualTo(200);
        assertThat(answer.uri().getPath()).isEqualTo("/web/screening");
        assertThat(visited).as("every address of the sign-in (%s)", visited).allSatisfy(address ->
                assertThat(address).startsWith(gateway + "/"));
        assertThat(visited).anySatisfy(address -> assertThat(address).startsWith(gateway + "/oauth2/authorize"))
                .anySatisfy(address -> assertThat(address).startsWith(gateway + "/web/login/oauth2/code/nrm"));
        HttpCookie session = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("NRM_WEB_SESSION")).findFirst().orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSecure()).as("plain HTTP here; Secure when the gateway is reached over TLS").isFalse();
        assertThat(answer.body()).doesNotContain("access_token").doesNotContain("eyJ"); // no token in the page
    }

    @Test
    @Order(2)
    void theFirstLineOfficerOpensAssessesAndFlagsACase() throws Exception {
        signIn("first-line");
        until(ExpectedConditions.urlContains("/web/screening"));
        checkAccessibility("screening");

        browser.findElement(By.id("open-case")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("opening")));
        checkAccessibility("open a case");
        new Select(browser.findElement(By.id("detectingSector"))).selectByValue("LABOUR_INSPECTION");
        browser.findElement(By.id("municipality")).sendKeys("Novi Sad");
        browser.findElement(By.id("givenName")).sendKeys("Ana");
        browser.findElement(By.id("familyName")).sendKeys(familyName);
        new Select(browser.findElement(By.id("sex"))).selectByValue("Feminine");
        browser.findElement(By.id("citizenship")).sendKeys("AL");
        browser.findElement(By.id("open-submit")).click();
        untilShownAfterTheWrite(By.id("stage"));
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Potential victim");
        Matcher opened = Pattern.compile("/web/screening/cases/([0-9a-f-]{36})").matcher(browser.getCurrentUrl());
        assertThat(opened.find()).isTrue();
        caseId = opened.group(1);

        // choosing the set brings its questions in (htmx), without leaving the page
        new Select(browser.findElement(By.id("set"))).selectByValue("labour-v1");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment")));
        browser.findElement(By.cssSelector("label[for='LAB-01-PRESENT']")).click();
        browser.findElement(By.cssSelector("label[for='LAB-02-PRESENT']")).click();
        browser.findElement(By.id("assess-submit")).click();
        WebElement result = untilShownAfterTheWrite(By.cssSelector(".result"));
        assertThat(result.getText()).contains("labour-v1").contains("2 of 20 indicators present");
        checkAccessibility("case, first-line");

        // a refusal is shown beside the field it names (the browser's own check is taken off to reach the API's)
        ((JavascriptExecutor) browser).executeScript("document.getElementById('grounds').removeAttribute('required')");
        new Select(browser.findElement(By.id("responsibleOrganisationId"))).selectByVisibleText("Demo Centre for Social Work");
        browser.findElement(By.id("flag-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("grounds-error"))).getText())
                .isEqualTo("must not be blank");
        browser.findElement(By.id("grounds")).sendKeys("Documents withheld by the employer");
        new Select(browser.findElement(By.id("responsibleOrganisationId"))).selectByVisibleText("Demo Centre for Social Work");
        browser.findElement(By.id("flag-submit")).click();
        until(driver -> {
            if ("Presumed victim".equals(driver.findElement(By.id("stage")).getText())) {
                return true;
            }
            if (!driver.findElements(By.id("behind")).isEmpty()) {
                driver.navigate().refresh();
            }
            return null;
        });

        assertNoSidewaysScrollingAt768("case, first-line");
        browser.get(gateway + "/web/screening");
        untilListed(By.partialLinkText(familyName));
        screenshot("first-line-screening");
        signOut();
    }

    @Test
    @Order(3)
    void theCaseManagerFindsTheCaseInTheWorklistWithItsTimeline() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the first-line officer opened");
        signIn("case-manager");
        until(ExpectedConditions.urlContains("/web/worklist"));
        WebElement row = untilListed(By.partialLinkText(familyName));
        checkAccessibility("worklist");
        screenshot("case-manager-worklist");
        row.click();

        WebElement timeline = until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(timeline.findElements(By.tagName("li"))).hasSize(3);
        assertThat(timeline.getText()).contains("Case opened on screening", "Indicator set answered",
                "Flagged as presumed victim", "Demo Police Directorate", "first-line",
                "Why: Documents withheld by the employer");
        checkAccessibility("case, case manager");
        screenshot("case-manager-case");
        assertNoSidewaysScrollingAt768("worklist case");

        browser.get(gateway + "/web/cases/" + caseId + "?lang=sr-Latn");
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline-heading"))).getText())
                .isEqualTo("Tok slučaja");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("sr-Latn");
        browser.get(gateway + "/web/cases/" + caseId + "?lang=en");
        signOut();
    }

    @Test
    @Order(4)
    void theIdentificationAuthorityDecidesOnTheFlaggedCase() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the first-line officer flagged");
        signIn("identification-authority");
        until(ExpectedConditions.urlContains("/web/identification"));
        WebElement row = untilListed(By.partialLinkText(familyName));
        checkAccessibility("awaiting identification");
        screenshot("identification-authority-awaiting");
        row.click();

        until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-form")));
        checkAccessibility("case, identification authority");
        // identified without a type of exploitation: the API's refusal is shown beside that field, reasons kept
        browser.findElement(By.cssSelector("label[for='outcome-IDENTIFIED']")).click();
        browser.findElement(By.id("reasons")).sendKeys("Forced labour established: documents withheld, wages unpaid");
        browser.findElement(By.id("decide-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("typesOfExploitation-error"))).getText())
                .contains("at least one type of exploitation");
        assertThat(browser.findElement(By.id("reasons")).getDomProperty("value")).startsWith("Forced labour established");
        browser.findElement(By.cssSelector("label[for='type-ForcedLabour']")).click();
        browser.findElement(By.cssSelector("label[for='method-WithholdsDocuments']")).click();
        browser.findElement(By.id("decide-submit")).click();
        WebElement outcome = untilShownAfterTheWrite(By.id("outcome"));
        assertThat(outcome.getText()).isEqualTo("Identified as a victim");
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Identified victim");
        assertThat(browser.findElement(By.id("decision")).getText()).contains("Forced labour",
                "Identity documents withheld");
        assertNoSidewaysScrollingAt768("case, identification authority");

        browser.get(gateway + "/web/identification");
        until(driver -> driver.findElements(By.partialLinkText(familyName)).isEmpty()
                ? Boolean.TRUE : refreshed(driver)); // decided: no longer awaiting
        signOut();
    }

    /**
     * The case manager refers the identified person to the demo shelter through the API (its pages for consents
     * and referrals are not built yet); the shelter finds the referral in its inbox, is refused a decline without
     * a reason, and accepts it.
     */
    @Test
    @Order(5)
    void theShelterAcceptsAReferralFromItsInbox() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the authority decided on");
        String caseManager = clientToken("demo-case-manager");
        String shelter = JSON.readTree(api("GET", "/api/identity/organisations?type=shelter", null, caseManager)
                .body()).at("/items/0/id").asString();
        assertThat(api("POST", "/api/cases/" + caseId + "/consents", Map.of("decision", "GIVEN",
                "purposes", List.of("REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", shelter), caseManager).statusCode()).isEqualTo(201);
        UUID referralId = UUID.randomUUID();
        Map<String, Object> referral = Map.of("referralId", referralId.toString(), "caseId", caseId,
                "providerOrganisationId", shelter, "serviceType", "SAFE_ACCOMMODATION", "urgency", "URGENT",
                "respondBy", Instant.now().plus(Duration.ofDays(2)).toString(),
                "note", "Needs a place tonight");
        // referral-service learns of the consent from the case's events moments after it is stored
        until(driver -> {
            try {
                int answer = api("POST", "/api/referrals", referral, caseManager).statusCode();
                return answer == 201 ? Boolean.TRUE : answer == 422 ? null : fail("referral answered " + answer);
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        });

        signIn("service-provider");
        until(ExpectedConditions.urlContains("/web/inbox"));
        WebElement row = untilListed(By.cssSelector("#inbox a[href$='" + referralId + "']"));
        checkAccessibility("inbox");
        screenshot("service-provider-inbox");
        row.click();

        until(ExpectedConditions.visibilityOfElementLocated(By.id("decline-form")));
        assertThat(browser.findElement(By.id("referral-status")).getText()).isEqualTo("Awaiting your answer");
        checkAccessibility("referral, service provider");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.findElement(By.id("decline-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-error"))).getText())
                .isEqualTo("must not be blank");
        browser.findElement(By.id("accept-note")).sendKeys("A room is ready");
        browser.findElement(By.id("accept-submit")).click();
        until(driver -> "Accepted".equals(driver.findElement(By.id("referral-status")).getText())
                ? Boolean.TRUE : driver.findElements(By.id("behind")).isEmpty() ? null : refreshed(driver));
        assertThat(browser.findElements(By.id("accept-form"))).as("an answered referral offers no answer").isEmpty();
        assertNoSidewaysScrollingAt768("referral, service provider");
        signOut();
    }

    @Test
    @Order(6)
    void aRoleCannotReachAnotherRolesPages() throws Exception {
        signIn("case-manager");
        until(ExpectedConditions.urlContains("/web/worklist"));
        assertThat(status("/web/screening")).isEqualTo(403);
        assertThat(status("/web/screening/new")).isEqualTo(403);
        browser.get(gateway + "/web/screening");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        signOut();

        signIn("first-line");
        until(ExpectedConditions.urlContains("/web/screening"));
        assertThat(status("/web/worklist")).isEqualTo(403);
        assertThat(status("/web/cases/" + (caseId != null ? caseId : UUID.randomUUID()))).isEqualTo(403);
        signOut();
    }

    @Test
    @Order(7)
    void aFormSentWithoutItsCsrfTokenIsRefused() throws Exception {
        signIn("first-line");
        until(ExpectedConditions.urlContains("/web/screening"));
        int casesBefore = browser.findElements(By.cssSelector("main tbody tr")).size();
        browser.findElement(By.id("open-case")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("opening")));
        new Select(browser.findElement(By.id("detectingSector"))).selectByValue("POLICE");
        browser.findElement(By.id("municipality")).sendKeys("Subotica");
        new Select(browser.findElement(By.id("sex"))).selectByValue("Masculine");
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#opening input[name=_csrf]').remove();"
                        + "document.getElementById('opening').submit();");
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("Not allowed");
        browser.get(gateway + "/web/screening");
        assertThat(browser.findElements(By.cssSelector("main tbody tr"))).as("no case was opened").hasSize(casesBefore);
        signOut();
    }

    @Test
    @Order(8)
    void signingOutEndsTheSession() throws Exception {
        signIn("first-line");
        until(ExpectedConditions.urlContains("/web/screening"));
        Cookie session = browser.manage().getCookieNamed("NRM_WEB_SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(status("/web/screening", session.getValue())).isEqualTo(200);

        signOut();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are signed out");
        assertThat(status("/web/screening", session.getValue()))
                .as("the old session cookie opens nothing: sent to sign in again").isEqualTo(302);
        browser.get(gateway + "/web/screening");
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).isDisplayed())
                .as("the password is asked again: no session is left at identity-service either").isTrue();
    }

    // --- the prosecutor, the monitor, the operator and the administrator (Order 20 to 29) ---

    /**
     * The prosecutor finds the case by its reference, is refused the export without a legal basis and a legal basis
     * without its proceedings (beside that field), records one, and makes the court export: the page follows its
     * progress, then offers the PDF and its JSON, verified. Both downloads arrive with the session's cookie, the PDF
     * as a PDF, the JSON as the export whose SHA-256 the page (and the PDF) shows.
     */
    @Test
    @Order(20)
    void theProsecutorRecordsALegalBasisAndDownloadsTheVerifiedCourtExport() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the first-line officer opened");
        signIn("prosecutor");
        until(ExpectedConditions.urlContains("/web/prosecution"));
        checkAccessibility("court export: find a case");
        screenshot("prosecutor-find-case");
        browser.findElement(By.id("caseId")).sendKeys(caseId);
        browser.findElement(By.id("find-submit")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("legal-basis-form")));
        checkAccessibility("case, prosecutor");

        browser.findElement(By.id("export-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal"))).getText())
                .contains("Record the legal basis first");
        browser.get(gateway + "/web/prosecution/cases/" + caseId);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reference').removeAttribute('required')");
        browser.findElement(By.id("requestedBy")).sendKeys("Higher Public Prosecutor's Office, Novi Sad");
        browser.findElement(By.id("legal-basis-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("reference-error"))).getText())
                .isEqualTo("must not be blank");
        assertThat(browser.findElement(By.id("requestedBy")).getDomProperty("value")).startsWith("Higher Public");
        browser.findElement(By.id("reference")).sendKeys("K-123/2026, Higher Court in Novi Sad");
        browser.findElement(By.id("legal-basis-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("recorded-basis"))).getText())
                .contains("K-123/2026");

        browser.findElement(By.id("export-submit")).click();
        until(ExpectedConditions.urlContains("/web/prosecution/exports/"));
        WebElement result = until(ExpectedConditions.visibilityOfElementLocated(By.id("verification-result")));
        assertThat(result.getText()).startsWith("Intact");
        String digest = browser.findElement(By.id("verification-digest")).getText();
        Matcher pages = Pattern.compile("on (\\d+) of its (\\d+) pages: ([0-9a-f]{64})").matcher(digest);
        assertThat(pages.find()).as(digest).isTrue();
        assertThat(pages.group(1)).as("the digest on every page").isEqualTo(pages.group(2));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("K-123/2026");
        checkAccessibility("court export, verified");
        screenshot("prosecutor-court-export");
        assertNoSidewaysScrollingAt768("court export, verified");

        HttpResponse<byte[]> pdf = download(browser.findElement(By.id("download-pdf")).getDomAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        HttpResponse<byte[]> json = download(browser.findElement(By.id("download-json")).getDomAttribute("href"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).get("caseId").asString()).isEqualTo(caseId);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.body())))
                .as("the JSON downloaded is the export the PDF carries").isEqualTo(pages.group(3));
        signOut();
    }

    /**
     * The monitor's statistics as a chart: cases the police's system opens through the API (12 women, 11 men, one
     * person of unrecorded sex) counted by sex show a bar for the women, and the rest suppressed (the one case under
     * the threshold of 10, and the men's 11, which its total would give away), each said as such; the durations; the
     * CSV; a dimension chosen twice is refused beside the choice.
     */
    @Test
    @Order(21)
    void theMonitorSeesTheStatisticsAsAChartWithSuppressedCellsAndTheCsv() throws Exception {
        String policeSystem = clientToken("demo-first-line");
        for (int i = 0; i < 24; i++) {
            String sex = i < 12 ? "Feminine" : i < 23 ? "Masculine" : "NonSpecifiedUnknown";
            assertThat(api("POST", "/api/cases", Map.of("detectingSector", "POLICE",
                    "screenedAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                    "location", Map.of("country", "RS", "municipality", "Subotica"),
                    "dataSubject", Map.of("ageCategory", "ADULT", "sex", sex)), policeSystem).statusCode())
                    .isEqualTo(201);
        }
        signIn("monitor");
        until(ExpectedConditions.urlContains("/web/statistics"));
        until(ExpectedConditions.visibilityOfElementLocated(By.id("grouping")));
        new Select(browser.findElement(By.id("groupBy1"))).selectByValue("sex");
        browser.findElement(By.id("count")).click();
        // the statistics follow the cases moments after they are stored: counted again until they show
        WebElement women = until(driver -> {
            for (WebElement cell : driver.findElements(By.cssSelector("#chart g.cell"))) {
                if (cell.getText().startsWith("Female") && !cell.getDomAttribute("class").contains("suppressed")) {
                    return cell;
                }
            }
            driver.navigate().refresh();
            return null;
        });
        assertThat(Integer.parseInt(women.findElement(By.cssSelector("text.count")).getText()))
                .isGreaterThanOrEqualTo(12);
        assertThat(browser.findElements(By.cssSelector("#chart g.cell.suppressed")))
                .as("the one case of unrecorded sex, and the men's count that would give it away").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(cell -> assertThat(cell.findElement(By.cssSelector("text.count")).getText())
                        .isEqualTo("suppressed"));
        assertThat(browser.findElement(By.id("count-table")).getText()).contains("suppressed (fewer than 10");
        assertThat(browser.findElement(By.id("duration-table")).getText())
                .contains("Screening to the identification decision");
        checkAccessibility("statistics");
        screenshot("monitor-statistics");
        assertNoSidewaysScrollingAt768("statistics");

        HttpResponse<byte[]> csv = download(browser.findElement(By.id("csv")).getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("")).contains("gender");

        new Select(browser.findElement(By.id("groupBy2"))).selectByValue("sex");
        browser.findElement(By.id("count")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("groupBy-error"))).getText())
                .contains("given twice");
        signOut();
    }

    /** The operator rebuilds the monitor's statistics (asked to confirm first) and sees it finish on the page. */
    @Test
    @Order(22)
    void theOperatorStartsARebuildAndSeesItFinish() throws Exception {
        signIn("operator");
        until(ExpectedConditions.urlContains("/web/projections"));
        WebElement row = until(ExpectedConditions.visibilityOfElementLocated(By.id("projection-case-statistics")));
        int version = Integer.parseInt(row.findElements(By.tagName("td")).get(1).getText());
        checkAccessibility("projections");
        screenshot("operator-projections");

        browser.findElement(By.id("rebuild-case-statistics")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("rebuild-form")));
        checkAccessibility("rebuild, confirm");
        browser.findElement(By.id("rebuild-confirm")).click();
        until(ExpectedConditions.urlToBe(gateway + "/web/projections"));
        // the row follows the rebuild by itself (htmx polling) while it runs; shown again only if the page came
        // before the rebuild showed in the list
        String finished = "Version " + (version + 1) + " rebuilt";
        until(driver -> {
            List<WebElement> done = driver.findElements(By.cssSelector("#projection-case-statistics .finished"));
            if (!done.isEmpty() && done.get(0).getText().startsWith(finished)) {
                return true;
            }
            if (driver.findElements(By.cssSelector("#projection-case-statistics progress")).isEmpty()) {
                driver.navigate().refresh();
            }
            return null;
        });
        assertThat(browser.findElement(By.cssSelector("#projection-case-statistics")).findElements(By.tagName("td"))
                .get(1).getText()).isEqualTo(String.valueOf(version + 1));
        assertNoSidewaysScrollingAt768("projections");
        signOut();
    }

    /**
     * The administrator creates an account in the police directorate, which can sign in; deactivates it (asked to
     * confirm first); and the account's next sign-in is refused.
     */
    @Test
    @Order(23)
    void theAdministratorDeactivatesAnAccountWhichIsThenRefusedAtSignIn() throws Exception {
        String username = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Browser-suite-" + UUID.randomUUID();
        signIn("administrator");
        until(ExpectedConditions.urlContains("/web/administration"));
        WebElement police = until(ExpectedConditions.visibilityOfElementLocated(
                By.partialLinkText("Demo Police Directorate")));
        checkAccessibility("organisations");
        screenshot("administrator-organisations");
        police.click();

        until(ExpectedConditions.visibilityOfElementLocated(By.id("account-form")));
        checkAccessibility("organisation, administrator");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("displayName")).sendKeys("Officer from the browser suite");
        browser.findElement(By.cssSelector("label[for='account-role-first-line']")).click();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("account-submit")).click();
        assertThat(untilShownAfterTheWrite(By.id("holder-state")).getText()).isEqualTo("Active");
        checkAccessibility("user account");
        assertThat(signInOverHttp(username, password)).as("the new account signs in").isEqualTo("/web/screening");

        browser.findElement(By.id("deactivate")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("deactivation-form")));
        checkAccessibility("deactivation, confirm");
        browser.findElement(By.id("reason")).sendKeys("Left the directorate");
        browser.findElement(By.id("deactivate-confirm")).click();
        until(driver -> "Deactivated".equals(driver.findElement(By.id("holder-state")).getText())
                ? Boolean.TRUE : driver.findElements(By.id("behind")).isEmpty() ? null : refreshed(driver));
        assertNoSidewaysScrollingAt768("user account");
        signOut();

        assertThat(signInOverHttp(username, password)).as("the deactivated account is refused").isEqualTo("/login");
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(gateway + "/web/");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(ExpectedConditions.urlContains("/login?error"));
        assertThat(browser.findElements(By.id("sign-out"))).as("not signed in").isEmpty();
    }

    /** A page's link fetched outside the browser with the browser's session cookie, as the browser would. */
    private HttpResponse<byte[]> download(String href) throws Exception {
        String session = browser.manage().getCookieNamed("NRM_WEB_SESSION").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway).resolve(href))
                .header("Cookie", "NRM_WEB_SESSION=" + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Signs in over plain HTTP (no browser): the path the sign-in ends on (a role's page, or /login refused). */
    private String signInOverHttp(String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> answer = follow(http, get(gateway + "/web/"), new ArrayList<>());
        String csrf = hiddenValue(answer.body(), "_csrf");
        answer = follow(http, HttpRequest.newBuilder(URI.create(gateway + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf)))), new ArrayList<>());
        return answer.uri().getPath();
    }

    private static Boolean refreshed(WebDriver driver) {
        driver.navigate().refresh();
        return null;
    }

    private static Boolean fail(String why) {
        throw new AssertionError(why);
    }

    /** A demo API client's access token (client credentials), for a step whose pages are not built yet. */
    private String clientToken(String client) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + client + "-secret")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("token for %s: %s", client, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("access_token").asString();
    }

    private HttpResponse<String> api(String method, String path, Object body, String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        return answer;
    }

    /** What a page shows, once it shows it; a timeout names the page and what it showed instead. */
    private <T> T until(ExpectedCondition<T> shown) {
        try {
            return wait.until(shown);
        } catch (TimeoutException notShown) {
            List<WebElement> main = browser.findElements(By.tagName("main"));
            throw new AssertionError("at " + browser.getCurrentUrl() + ", showing: "
                    + (main.isEmpty() ? browser.getTitle() : main.get(0).getText()), notShown);
        }
    }

    /**
     * After a write, the case's page may show the case as it was if the view had not caught up when the page was
     * made (it says so); shown again until the write appears, as the person would.
     */
    private WebElement untilShownAfterTheWrite(By element) {
        return until(driver -> {
            List<WebElement> found = driver.findElements(element);
            if (!found.isEmpty() && found.get(0).isDisplayed()) {
                return found.get(0);
            }
            if (!driver.findElements(By.cssSelector("#behind, #refusal")).isEmpty()) {
                driver.navigate().refresh();
            }
            return null;
        });
    }

    /** A list shows a case once its view has it: shown again until it does. */
    private WebElement untilListed(By element) {
        return until(driver -> {
            List<WebElement> found = driver.findElements(element);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            driver.navigate().refresh();
            return null;
        });
    }

    private void signIn(String role) {
        // from a clean browser, whatever a failed step before left behind
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(gateway + "/web/");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("demo-" + role);
        browser.findElement(By.id("password")).sendKeys("demo-" + role + "-Pa55!");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-again")));
    }

    /** The status of a page for the browser's session, asked outside the browser (Selenium does not see it). */
    private int status(String path) throws Exception {
        return status(path, browser.manage().getCookieNamed("NRM_WEB_SESSION").getValue());
    }

    private int status(String path, String session) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Accept", "text/html")
                .header("Cookie", "NRM_WEB_SESSION=" + session).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as shown; any violation fails with what and where. */
    private void checkAccessibility(String page) throws IOException {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(axe());
        Object violations = script.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as("accessibility of %s (axe-core)", page).isEmpty();
    }

    private static String axeScript;

    private static synchronized String axe() throws IOException {
        if (axeScript == null) {
            try (InputStream in = BrowserSuiteIT.class.getResourceAsStream("/axe.min.js")) {
                axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axeScript;
    }

    private void assertNoSidewaysScrollingAt768(String page) {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("%s at 768 px: nothing wider than the screen", page)
                    .isLessThanOrEqualTo(0);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Follows redirects by hand, noting every address; the last answer is returned. */
    private static HttpResponse<String> follow(HttpClient http, HttpRequest.Builder first, List<String> visited)
            throws Exception {
        HttpResponse<String> answer = http.send(first.header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 20 && answer.statusCode() / 100 == 3; hops++) {
            String location = answer.headers().firstValue("Location").orElseThrow();
            URI next = answer.uri().resolve(location);
            visited.add(next.toString());
            answer = http.send(get(next.toString()).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return answer;
    }

    private static HttpRequest.Builder get(String address) {
        return HttpRequest.newBuilder(URI.create(address)).GET();
    }

    private static String hiddenValue(String page, String name) {
        Matcher value = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(value.find()).as("the sign-in form carries %s", name).isTrue();
        return value.group(1);
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
    }
}
