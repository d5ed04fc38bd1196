package org.nrmplatform.infra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.nrmplatform.infra.launcher.LocalPlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;
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
// a step that hangs (a wedged browser does not always time out by itself) fails instead, and the next starts afresh
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BrowserSuiteIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("nrm.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("nrm.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = LocalPlatform.REPOSITORY.resolve("docs/screenshots");
    private static final Path DRIVER_LOG = Path.of("target/chromedriver.log").toAbsolutePath();
    /** Waits for what a page shows after a click; generous, since the build machine may be busy. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // on a machine busy with other builds identity-service's seeding of the demo NRM (a password hash per account)
    // has been seen to take over the launcher's default 180 s; the launcher's own limit is 6 minutes
    private final LocalPlatform platform = new LocalPlatform().withEnvironment("NRM_START_TIMEOUT", "300")
            // one peer installation for step 83's transnational referral (the demo NRM configures none): its key is
            // made for the run, and nothing is ever carried to it
            .withEnvironment("NRM_TRANSNATIONAL_PEERS_0_INSTALLATIONID", PEER)
            .withEnvironment("NRM_TRANSNATIONAL_PEERS_0_COUNTRY", "AL")
            .withEnvironment("NRM_TRANSNATIONAL_PEERS_0_KEYID", "al-browser-suite")
            .withEnvironment("NRM_TRANSNATIONAL_PEERS_0_PUBLICKEY", peerPublicKey());
    private static final String PEER = "AL-NRM";
    private boolean failed;
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
            browserSuspect = true;
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            browserSuspect = true;
        }
    };
    /**
     * A step whose browser wedged is reported as aborted, loudly, not as failed: the page-load limit (60 s) is
     * longer than the gateway's deadline (45 s), by which every request is answered, so a navigation that never
     * completes is the browser's (seen on a busy machine: a form post after which even the driver's own calls go
     * unanswered). Any assertion about what a page shows still fails the step; the next step gets a new browser.
     */
    @RegisterExtension
    final TestExecutionExceptionHandler wedgedBrowser = (context, thrown) -> {
        if (!wedged(thrown)) {
            throw thrown;
        }
        String step = context.getDisplayName();
        System.out.println("ABORTED " + step + ": the browser wedged (" + String.valueOf(thrown.getMessage())
                .lines().findFirst().orElse("") + "); see infra/target/chromedriver.log");
        throw new TestAbortedException("the browser wedged in " + step + "; see infra/target/chromedriver.log",
                thrown);
    };

    /** The driver's page-load limit, the driver's own call never answered, or the step's time limit. */
    private static boolean wedged(Throwable thrown) {
        return thrown instanceof org.openqa.selenium.TimeoutException
                && (String.valueOf(thrown.getMessage()).contains("receiving message from renderer")
                || thrown.getCause() instanceof java.util.concurrent.TimeoutException)
                || thrown instanceof java.util.concurrent.TimeoutException;
    }

    private String gateway;
    private boolean started;
    private WebDriver browser;
    private ChromeDriverService driverService;
    /** A step failed: the browser may be wedged (a form post has been seen to hang it); the next step gets a new one. */
    private boolean browserSuspect;
    private WebDriverWait wait;
    private String familyName;
    private String caseId;
    private String referralId;
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
        // a busy build machine starves the renderer: no GPU process to wait for, no throttling of a page that
        // headless Chromium considers in the background
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-GB", "--disable-gpu", "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
                // nothing the browser does on its own: the build machine reaches no Google service, and a form
                // post (a sign-in above all, which the password manager inspects) has been seen to wedge it
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-client-side-phishing-detection", "--disable-default-apps", "--no-first-run",
                "--password-store=basic", "--disable-features=PasswordLeakDetection,Translate,OptimizationHints");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB,en",
                "credentials_enable_service", false, "profile.password_manager_enabled", false,
                "safebrowsing.enabled", false));
        // a step returns once the new page's document is parsed, not after every image and script has loaded:
        // each step then waits for what it needs to see (until...); a stalled subresource does not hold it
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        // what the driver waited for, kept for a failed run's post-mortem
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(DRIVER_LOG.toFile()).withLogLevel(ChromiumDriverLogLevel.ALL).build();
        browser = new ChromeDriver(driverService, options);
        // a page normally loads in well under a second; the gateway answers every request within its deadline
        // (45 s), so a page that takes longer is a stalled browser, which a sign-in then retries (signIn)
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        // a page being replaced under a check (a navigation, an htmx swap) is looked at again, not a failure
        wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        familyName = "Browser-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** After a failed step, a new browser: a wedged one would take every later step down with it. */
    @BeforeEach
    void aFreshBrowserAfterAFailure() {
        if (browserSuspect && browser != null) {
            System.out.println("a step failed: starting a new browser for the next one");
            driverService.stop(); // ends chromedriver and its browser, however wedged; quit() could hang too
            startBrowser();
            browserSuspect = false;
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (failed) {
            System.out.println("the browser's driver logged what it waited for in " + DRIVER_LOG);
        }
        if (started && failed) {
            platform.downKeepingEverything();
        } else if (started) {
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
                .isEqualTo("Fill this in.");
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
    void theCaseManagerFindsTheCaseWithItsTimelineAndRecordsConsent() throws Exception {
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
        assertNoSidewaysScrollingAt768("worklist case");

        browser.get(gateway + "/web/cases/" + caseId + "?lang=sr-Latn");
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline-heading"))).getText())
                .isEqualTo("Tok slučaja");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("sr-Latn");
        browser.get(gateway + "/web/cases/" + caseId + "?lang=en");
        recordConsentAndTheReflectionPeriod();
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
     * A child's case awaits the decision (opened and flagged by the police's system through the API): the authority
     * is told a guardian comes first, is refused one without a name beside that field, and appoints one itself.
     */
    @Test
    @Order(4)
    void theIdentificationAuthorityAppointsAChildsGuardianBeforeDeciding() throws Exception {
        String policeSystem = clientToken("demo-first-line");
        String socialWelfare = JSON.readTree(api("GET", "/api/identity/organisations?type=social-welfare", null,
                policeSystem).body()).at("/items/0/id").asString();
        String childName = "Child-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> opened = api("POST", "/api/cases", Map.of("detectingSector", "POLICE",
                "screenedAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                "location", Map.of("country", "RS", "municipality", "Subotica"),
                "dataSubject", Map.of("givenName", "Mila", "familyName", childName, "ageCategory", "CHILD",
                        "sex", "Feminine")), policeSystem);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String childCase = JSON.readTree(opened.body()).path("caseId").asString();
        assertThat(api("POST", "/api/cases/" + childCase + "/indicator-assessments", Map.of("indicatorSetId",
                "child-v1", "answers", Map.of("CHD-07", "PRESENT", "CHD-08", "PRESENT"),
                "assessedAt", Instant.now().minus(Duration.ofHours(1)).toString()), policeSystem).statusCode())
                .isEqualTo(201);
        assertThat(api("POST", "/api/cases/" + childCase + "/presumed-victim", Map.of("grounds",
                "Found working at a market stall at night", "responsibleOrganisationId", socialWelfare),
                policeSystem).statusCode()).isEqualTo(200);

        signIn("identification-authority");
        until(ExpectedConditions.urlContains("/web/identification"));
        untilListed(By.partialLinkText(childName)).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("guardian-needed"))).isDisplayed())
                .isTrue();
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('guardianName').removeAttribute('required')");
        browser.findElement(By.id("guardian-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("guardianName-error"))).getText())
                .isEqualTo("Fill this in.");
        browser.findElement(By.id("guardianName")).sendKeys("Jelena Jovanovi\u0107");
        browser.findElement(By.id("guardianOrganisation")).sendKeys("Centre for Social Work Subotica");
        browser.findElement(By.id("guardian-submit")).click();
        until(driver -> driver.findElement(By.id("guardian")).getText().contains("Jelena")
                ? Boolean.TRUE : refreshed(driver));
        assertThat(browser.findElements(By.id("guardian-needed"))).as("the decision may now be made").isEmpty();
        checkAccessibility("case of a child, identification authority");
        signOut();
    }

    /**
     * The case manager refers the identified person to the shelter; the shelter finds the referral in its inbox,
     * is refused a decline without a reason, accepts it, records an assistance step (refused first without who
     * delivered it) and completes the referral; the case manager sees it completed and withdraws the consent.
     */
    @Test
    @Order(5)
    void theCaseManagerRefersToTheShelterWhichAcceptsRecordsAStepAndCompletes() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the authority decided on");
        referToTheShelter();

        signIn("service-provider");
        until(ExpectedConditions.urlContains("/web/inbox"));
        WebElement row = untilListed(By.cssSelector("#inbox a[href$='" + referralId + "']"));
        checkAccessibility("inbox");
        screenshot("service-provider-inbox");
        row.click();

        until(ExpectedConditions.visibilityOfElementLocated(By.id("decline-form")));
        assertThat(browser.findElement(By.id("referral-status")).getText()).isEqualTo("Awaiting your answer");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Needs a place tonight");
        checkAccessibility("referral, service provider");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.findElement(By.id("decline-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-error"))).getText())
                .isEqualTo("Fill this in.");
        browser.findElement(By.id("accept-note")).sendKeys("A room is ready");
        browser.findElement(By.id("accept-submit")).click();
        until(driver -> "Accepted".equals(driver.findElement(By.id("referral-status")).getText())
                ? Boolean.TRUE : driver.findElements(By.id("behind")).isEmpty() ? null : refreshed(driver));
        assertThat(browser.findElements(By.id("accept-form"))).as("an answered referral offers no answer").isEmpty();

        // an assistance step: refused without who delivered it, beside that field, what was typed kept
        until(ExpectedConditions.visibilityOfElementLocated(By.id("step-form")));
        checkAccessibility("referral accepted, its steps");
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('deliveredBy').removeAttribute('required')");
        browser.findElement(By.id("step-outcome")).sendKeys("Room 4 given; first night in the shelter");
        browser.findElement(By.id("step-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("deliveredBy-error"))).getText())
                .isEqualTo("Fill this in.");
        assertThat(browser.findElement(By.id("step-outcome")).getDomProperty("value")).startsWith("Room 4 given");
        browser.findElement(By.id("deliveredBy")).sendKeys("Shelter duty social worker");
        browser.findElement(By.id("step-submit")).click();
        WebElement step = untilShownAfterTheWrite(By.cssSelector("#step-list .step"));
        assertThat(step.getText()).contains("Safe accommodation", "Shelter duty social worker", "Room 4 given");

        browser.findElement(By.id("completion-outcome")).sendKeys("Moved to supported housing");
        browser.findElement(By.id("complete-submit")).click();
        until(driver -> "Completed".equals(driver.findElement(By.id("referral-status")).getText())
                ? Boolean.TRUE : driver.findElements(By.id("behind")).isEmpty() ? null : refreshed(driver));
        assertThat(browser.findElement(By.id("completion")).getText()).contains("Moved to supported housing");
        assertThat(browser.findElements(By.id("step-form"))).as("a completed referral takes no more steps").isEmpty();
        assertNoSidewaysScrollingAt768("referral, service provider");
        signOut();

        // the case manager sees the referral completed, and withdraws the consent: the list says since when
        signIn("case-manager");
        until(ExpectedConditions.urlContains("/web/worklist"));
        browser.get(gateway + "/web/cases/" + caseId);
        assertThat(untilListed(By.xpath("//table[@id='referral-list']//td[.='Completed']")).isDisplayed()).isTrue();
        until(ExpectedConditions.elementToBeClickable(By.cssSelector("#consent-list button[id^='withdraw-']"))).click();
        assertThat(untilShownAfterTheWrite(By.xpath("//table[@id='consent-list']//span[starts-with(., 'Withdrawn on')]"))
                .getText()).isEqualTo("Withdrawn on " + LocalDate.now(ZoneOffset.UTC));
        signOut();
    }

    /**
     * The case manager, on the case's page: a consent refused without a purpose (beside that field), then given for
     * a referral to the demo shelter; the reflection period granted; a closure refused without a reason and an
     * erasure's confirmation left without erasing; the case found again through the worklist's filters.
     */
    private void recordConsentAndTheReflectionPeriod() throws IOException {
        browser.get(gateway + "/web/worklist");
        new Select(browser.findElement(By.id("stage"))).selectByValue("PRESUMED_VICTIM");
        new Select(browser.findElement(By.id("state"))).selectByValue("open");
        browser.findElement(By.id("filter")).click();
        untilListed(By.partialLinkText(familyName));
        assertThat(browser.findElements(By.cssSelector("#worklist tbody tr"))).allSatisfy(row ->
                assertThat(row.getText()).contains("Presumed victim", "Open"));
        checkAccessibility("worklist, filtered");
        browser.get(gateway + "/web/worklist?stage=POTENTIAL_VICTIM");
        assertThat(browser.findElements(By.partialLinkText(familyName))).as("filtered out by its stage").isEmpty();
        browser.get(gateway + "/web/worklist?stage=PRESUMED_VICTIM&state=open");
        untilListed(By.partialLinkText(familyName)).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("consent-form")));
        checkAccessibility("case, case manager, its work");

        // a consent to a referral that names no purpose: the API's refusal beside the purposes, the rest kept
        browser.findElement(By.cssSelector("label[for='consent-service-SAFE_ACCOMMODATION']")).click();
        new Select(browser.findElement(By.id("recipientOrganisationId"))).selectByVisibleText("Demo Shelter Novi Sad");
        browser.findElement(By.id("consent-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("purposes-error"))).getText())
                .contains("at least one purpose");
        assertThat(browser.findElement(By.id("consent-service-SAFE_ACCOMMODATION")).isSelected()).isTrue();
        browser.findElement(By.cssSelector("label[for='purpose-REFERRAL']")).click();
        browser.findElement(By.id("consent-submit")).click();
        WebElement consent = untilShownAfterTheWrite(By.cssSelector("#consent-list tbody tr"));
        assertThat(consent.getText()).contains("Referral to service providers", "Safe accommodation",
                "Demo Shelter Novi Sad", "Active");

        // the reflection period, with its legal end date (a date input's typing depends on the locale: set it)
        ((JavascriptExecutor) browser).executeScript("document.getElementById('legalEndDate').value = arguments[0];",
                LocalDate.now().plusDays(90).toString());
        browser.findElement(By.id("legalBasis")).sendKeys("Law on Foreigners, art. 62");
        browser.findElement(By.id("reflection-submit")).click();
        assertThat(untilShownAfterTheWrite(By.id("reflection-period")).getText())
                .contains(LocalDate.now().plusDays(90).toString(), "Law on Foreigners, art. 62");
        assertThat(browser.findElement(By.id("reflection-end")).getText())
                .isEqualTo(LocalDate.now().plusDays(90).toString());

        // closing needs a reason: refused beside it (the browser's own check taken off), and the case stays open
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.findElement(By.id("closure-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-error"))).getText())
                .isEqualTo("Fill this in.");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Open");

        // an erasure asks for confirmation first; going back erases nothing
        browser.findElement(By.id("reference")).sendKeys("GDPR Art. 17, request 25/114");
        browser.findElement(By.id("requestedBy")).sendKeys("the data subject");
        browser.findElement(By.id("erasure-continue")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("erasure-confirm")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("cannot be undone",
                "GDPR Art. 17, request 25/114", "the data subject", "Ana " + familyName);
        checkAccessibility("erasure confirmation");
        browser.findElement(By.linkText("Back to the case, erasing nothing")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("Ana " + familyName);
    }

    /**
     * The case manager refers the identified person to the shelter, chosen among the providers of the service
     * with its load as the directory gives it; the referral is listed on the case's page.
     */
    private void referToTheShelter() throws Exception {
        signIn("case-manager");
        until(ExpectedConditions.urlContains("/web/worklist"));
        browser.get(gateway + "/web/cases/" + caseId);
        // the referral: the service brings in its providers with their load (htmx), as the directory gives it
        new Select(browser.findElement(By.id("service"))).selectByValue("SAFE_ACCOMMODATION");
        WebElement shelter = until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//form[@id='referral-form']//label[starts-with(normalize-space(.), 'Demo Shelter Novi Sad')]")));
        long load = shelterLoad();
        assertThat(shelter.getText()).isEqualTo("Demo Shelter Novi Sad: "
                + (load == 0 ? "no active referral" : load == 1 ? "1 active referral" : load + " active referrals"));
        shelter.click();
        referralId = browser.findElement(By.cssSelector("#referral-form input[name=referralId]")).getDomProperty("value");
        browser.findElement(By.id("referral-note")).sendKeys("Needs a place tonight");
        checkAccessibility("case, referral form");
        browser.findElement(By.id("refer-submit")).click();
        // referral-service learns of the consent from the case's events moments after it is stored: until then the
        // referral is refused beside the case, saying so, and the person sends it again (the same referral)
        WebElement referral = until(driver -> {
            try {
                List<WebElement> rows = driver.findElements(By.cssSelector("#referral-list tbody tr"));
                if (!rows.isEmpty()) {
                    return rows.get(0);
                }
                if (!driver.findElements(By.id("caseId-error")).isEmpty()) {
                    driver.findElement(By.id("refer-submit")).click();
                } else if (!driver.findElements(By.id("refusal")).isEmpty()) {
                    throw new AssertionError("referral refused: " + driver.findElement(By.id("refusal")).getText());
                } else {
                    driver.navigate().refresh();
                }
            } catch (StaleElementReferenceException pageChanged) {
                // the next page is coming
            }
            return null;
        });
        assertThat(referral.getText()).contains("Safe accommodation", "Demo Shelter Novi Sad",
                "Awaiting the provider's answer");
        until(driver -> {
            try {
                return shelterLoad() == load + 1 ? Boolean.TRUE : null; // the directory counts it moments later
            } catch (Exception unanswered) {
                throw new IllegalStateException(unanswered);
            }
        });
        checkAccessibility("case, case manager, referred");
        // the screenshot shows the case's work, from its consents to its referrals, in a taller window
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(before.getWidth(), 1600));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('consents').scrollIntoView();");
        screenshot("case-manager-case");
        browser.manage().window().setSize(before);
        assertNoSidewaysScrollingAt768("case, case manager, its work");
        signOut();
    }

    /** The shelter's current load as the provider directory of the API gives it. */
    private long shelterLoad() throws Exception {
        String token = clientToken("demo-case-manager");
        for (var provider : JSON.readTree(api("GET", "/api/providers?serviceType=SAFE_ACCOMMODATION", null, token)
                .body())) {
            if ("Demo Shelter Novi Sad".equals(provider.get("name").asString())) {
                return provider.get("activeReferrals").asLong();
            }
        }
        throw new AssertionError("the directory has no Demo Shelter Novi Sad");
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

    /**
     * A page on another site posts a form to the platform while the officer is signed in: the browser does not send
     * the session cookie with it (SameSite=Lax), so the request arrives from nobody, is refused, and opens nothing;
     * the officer stays signed in. To the browser, localhost and 127.0.0.1 are different sites.
     */
    @Test
    @Order(9)
    void theSessionCookieIsNotSentWithAnotherSitesForm() throws Exception {
        signIn("first-line");
        until(ExpectedConditions.urlContains("/web/screening"));
        int casesBefore = browser.findElements(By.cssSelector("main tbody tr")).size();
        byte[] page = ("<!doctype html><html lang='en'><head><title>Elsewhere</title></head><body>"
                + "<form id='elsewhere' method='post' action='" + gateway + "/web/screening/new'>"
                + "<input name='detectingSector' value='POLICE'><input name='municipality' value='Elsewhere'>"
                + "<input name='sex' value='Masculine'></form>"
                + "<script>document.getElementById('elsewhere').submit()</script></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        try {
            browser.get("http://localhost:" + otherSite.getAddress().getPort() + "/");
            until(ExpectedConditions.urlContains(gateway));
            assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                    .isEqualTo("Not allowed");
            assertThat(browser.findElements(By.id("sign-out")))
                    .as("the form arrived without the session cookie: from nobody signed in").isEmpty();
        } finally {
            otherSite.stop(0);
        }
        browser.get(gateway + "/web/screening");
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).isDisplayed())
                .as("still signed in").isTrue();
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
                .isEqualTo("Fill this in.");
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
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("")).contains("prs_Gender");

        new Select(browser.findElement(By.id("groupBy2"))).selectByValue("sex");
        browser.findElement(By.id("count")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("groupBy-error"))).getText())
                .contains("given twice");
        signOut();
    }

    /**
     * The monitor's performance indicators for this year: the police's system opens and flags twelve cases in
     * Kikinda through the API (with the demo walkthrough's and the steps' before, enough to be published); the
     * monitor opens the indicators from the menu and sees the presumed victims counted, as a chart and a table, the
     * time from screening to the flag, the shares, and what the events cannot tell; the CSV; broken down by region,
     * Kikinda's row.
     */
    @Test
    @Order(70)
    void theMonitorSeesThePerformanceIndicatorsOfTheYear() throws Exception {
        String policeSystem = clientToken("demo-first-line");
        String authority = clientToken("demo-identification-authority");
        String socialWelfare = JSON.readTree(api("GET", "/api/identity/organisations?type=social-welfare", null,
                policeSystem).body()).at("/items/0/id").asString();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> opened = api("POST", "/api/cases", Map.of("detectingSector", "LABOUR_INSPECTION",
                    "screenedAt", Instant.now().minus(Duration.ofHours(30)).toString(),
                    "location", Map.of("country", "RS", "municipality", "Kikinda"),
                    "dataSubject", Map.of("ageCategory", "ADULT", "sex", "Feminine", "citizenship", List.of("AL"))),
                    policeSystem);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            String caseId = JSON.readTree(opened.body()).path("caseId").asString();
            assertThat(api("POST", "/api/cases/" + caseId + "/indicator-assessments", Map.of("indicatorSetId",
                    "labour-v1", "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT"),
                    "assessedAt", Instant.now().minus(Duration.ofHours(29)).toString()), policeSystem).statusCode())
                    .isEqualTo(201);
            assertThat(api("POST", "/api/cases/" + caseId + "/presumed-victim", Map.of("grounds",
                    "Passport held by the employer", "responsibleOrganisationId", socialWelfare), policeSystem)
                    .statusCode()).isEqualTo(200);
            // decided here, not by an earlier step: a step that failed before must not take this one down too
            assertThat(api("POST", "/api/cases/" + caseId + "/identification-decision", Map.of("outcome",
                    "IDENTIFIED", "reasons", "Forced labour established", "typesOfExploitation", List.of("ForcedLabour"),
                    "methodsOfControl", List.of("WithholdsDocuments")), authority).statusCode()).isEqualTo(200);
        }
        signIn("monitor");
        until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href$='/statistics/indicators']"))).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("indicator-choice")));
        // the indicators follow the flags moments after they are stored: shown again until they count them
        WebElement presumed = until(driver -> {
            for (WebElement row : driver.findElements(By.cssSelector("#totals-table tbody tr"))) {
                String cases = row.findElement(By.tagName("td")).getText();
                if (row.findElement(By.tagName("th")).getText().equals("Presumed victims")
                        && cases.matches("\\d+") && Integer.parseInt(cases) >= 12) {
                    return row;
                }
            }
            driver.navigate().refresh();
            return null;
        });
        assertThat(presumed.getText()).doesNotContain("suppressed");
        assertThat(browser.findElements(By.cssSelector("#presumed-chart g.cell"))).as("presumed victims by sex")
                .anySatisfy(bar -> assertThat(bar.getText()).startsWith("Female"));
        assertThat(browser.findElement(By.id("durations-chart-table")).getText())
                .contains("Screening to presumed victim").containsPattern("median [0-9.,]+ days");
        assertThat(browser.findElement(By.id("shares-chart-table")).getText())
                .contains("Identification decisions: identified", "Presumed victims granted a reflection period");
        assertThat(browser.findElement(By.id("services-chart")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("not-computed")).getText()).contains("Criminal proceedings");
        checkAccessibility("indicators");
        screenshot("monitor-indicators");
        assertNoSidewaysScrollingAt768("indicators");

        HttpResponse<byte[]> csv = download(browser.findElement(By.id("indicators-csv")).getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""))
                .startsWith("period,indicator,kind,unit,group,category,count");

        new Select(browser.findElement(By.id("by"))).selectByValue("region");
        browser.findElement(By.id("show")).click();
        until(driver -> driver.findElement(By.id("totals-table")).getText().contains("Presumed victims · Kikinda")
                ? true : null);
        // Kikinda's count is shown, or said suppressed when another region's small count would be given away by it
        assertThat(browser.findElement(By.id("totals-table")).getText()).containsPattern(
                "Presumed victims · Kikinda (12|suppressed)");
        signOut();
    }

    /**
     * The monitor downloads the CTDC export from the statistics page: the police's system opens eleven cases of
     * men from Moldova, forced to beg under debt bondage, which the identification authority decides on (k = 11: just
     * enough to be published as they are); the export carries CTDC's header, their eleven rows, and no row that fewer
     * than eleven share.
     */
    @Test
    @Order(90)
    void theMonitorDownloadsTheCtdcExportInCtdcsColumns() throws Exception {
        String policeSystem = clientToken("demo-first-line");
        String authority = clientToken("demo-identification-authority");
        String socialWelfare = JSON.readTree(api("GET", "/api/identity/organisations?type=social-welfare", null,
                policeSystem).body()).at("/items/0/id").asString();
        for (int i = 0; i < 11; i++) {
            HttpResponse<String> opened = api("POST", "/api/cases", Map.of("detectingSector", "BORDER_POLICE",
                    "screenedAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                    "location", Map.of("country", "RS", "municipality", "Subotica"),
                    "dataSubject", Map.of("ageCategory", "ADULT", "sex", "Masculine", "citizenship", List.of("MD"))),
                    policeSystem);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            String caseId = JSON.readTree(opened.body()).path("caseId").asString();
            assertThat(api("POST", "/api/cases/" + caseId + "/indicator-assessments", Map.of("indicatorSetId",
                    "labour-v1", "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT"),
                    "assessedAt", Instant.now().minus(Duration.ofHours(1)).toString()), policeSystem).statusCode())
                    .isEqualTo(201);
            assertThat(api("POST", "/api/cases/" + caseId + "/presumed-victim", Map.of("grounds",
                    "Begging for a debt to the driver", "responsibleOrganisationId", socialWelfare), policeSystem)
                    .statusCode()).isEqualTo(200);
            assertThat(api("POST", "/api/cases/" + caseId + "/identification-decision", Map.of("outcome",
                    "IDENTIFIED", "reasons", "Forced begging established", "typesOfExploitation",
                    List.of("ForcedBegging"), "methodsOfControl", List.of("DebtBondage")), authority).statusCode())
                    .isEqualTo(200);
        }
        signIn("monitor");
        until(ExpectedConditions.urlContains("/web/statistics"));
        WebElement export = until(ExpectedConditions.visibilityOfElementLocated(By.id("ctdc-csv")));
        assertThat(browser.findElement(By.id("ctdc")).getText()).contains("CTDC export", "-99");
        String href = export.getDomAttribute("href");
        String rowStart = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear()
                + ",Case Management,Male,-99,Adult,-99,-99,MD,1,";
        // the export follows the decisions moments after they are stored: downloaded again until it holds them
        List<String> lines = until(driver -> {
            try {
                HttpResponse<byte[]> csv = download(href);
                assertThat(csv.statusCode()).isEqualTo(200);
                assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
                List<String> answer = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
                return answer.stream().filter(line -> line.startsWith(rowStart)).count() >= 11 ? answer : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(lines.get(0)).startsWith("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,"
                + "majorityStatusAtExploit,majorityEntry,citizenship,meansOfControlDebtBondage,")
                .endsWith(",CountryOfExploitation,recruiterRelationIntimatePartner,recruiterRelationFriend,"
                        + "recruiterRelationFamily,recruiterRelationOther,recruiterRelationUnknown");
        Map<String, Integer> classes = new java.util.HashMap<>();
        lines.stream().skip(1).forEach(line -> classes.merge(line, 1, Integer::sum));
        System.out.printf("CTDC export in the browser suite: %d rows in %d classes, smallest class %d%n",
                lines.size() - 1, classes.size(), classes.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        assertThat(classes.values()).as("rows identical to each row").allMatch(size -> size >= 11);
        signOut();
    }

    /** A form's code-list labels in the page's language: the screening form in Albanian, then back in English. */
    @Test
    @Order(92)
    void theScreeningFormOffersItsCodeListLabelsInAlbanian() throws Exception {
        signIn("first-line");
        browser.get(gateway + "/web/screening/new?lang=sq");
        WebElement sectors = until(ExpectedConditions.visibilityOfElementLocated(By.id("detectingSector")));
        assertThat(sectors.findElements(By.tagName("option"))).extracting(WebElement::getText)
                .contains("Policia", "Inspektorati i punës").doesNotContain("Police");
        checkAccessibility("the screening form in Albanian");
        browser.get(gateway + "/web/screening/new?lang=en"); // the person's language is remembered: back to English
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("detectingSector"), "Police"));
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

    /** The operator verifies every stream of the store and sees it intact, with what was checked. */
    @Test
    @Order(24)
    void theOperatorVerifiesTheWholeStoreAndSeesItIntact() throws Exception {
        signIn("operator");
        until(ExpectedConditions.urlContains("/web/projections"));
        browser.findElement(By.id("nav-store-verification")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("store-verification-form")));
        checkAccessibility("store verification");
        browser.findElement(By.id("store-verification-start")).click();
        // the section follows the verification by itself (htmx polling) until it is done
        WebElement status = until(ExpectedConditions.visibilityOfElementLocated(By.id("store-verification-status")));
        assertThat(status.getText()).startsWith("Intact");
        assertThat(browser.findElement(By.id("store-verification-summary")).getText())
                .containsPattern("\\d+ events in \\d+ streams are intact");
        checkAccessibility("store verification, done");
        screenshot("operator-store-verification");
        assertNoSidewaysScrollingAt768("store verification");
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

    /**
     * A warning on a case (opened and handed over by the police's system through the API): the case manager is
     * refused one without a reason (beside that field), raises it, and the identification authority sees it at the
     * top of its page of the case, above the case's facts, and lifts it with a reason.
     */
    @Test
    @Order(60)
    void aWarningTheCaseManagerRaisesIsSeenAtTheTopByTheIdentificationAuthorityWhichLiftsIt() throws Exception {
        String flagged = caseHandedOverByThePolice("Flagged-");

        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + flagged);
        // the case manager's view has the case moments after the hand-over: shown again until it does
        untilListed(By.cssSelector("#raise-flag summary")).click();
        new Select(until(ExpectedConditions.visibilityOfElementLocated(By.id("flag-category"))))
                .selectByValue("SAFETY_RISK");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('flag-reason').removeAttribute('required')");
        browser.findElement(By.id("raise-flag-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("flag-reason-error"))).getText())
                .isEqualTo("Fill this in.");
        browser.findElement(By.id("flag-reason")).sendKeys("The recruiter knows her address: meet only at the centre");
        browser.findElement(By.id("raise-flag-submit")).click();
        WebElement warning = untilShownAfterTheWrite(By.cssSelector("#flag-list .flag"));
        assertThat(warning.getText()).contains("Safety risk", "meet only at the centre",
                "Demo Centre for Social Work");
        checkAccessibility("case with a warning, case manager");
        screenshot("case-manager-warning");
        signOut();

        signIn("identification-authority");
        browser.get(gateway + "/web/identification/cases/" + flagged);
        // the authority's view follows the write moments later: shown again until it has the warning
        WebElement seen = untilListed(By.cssSelector("#flag-list .flag"));
        assertThat(seen.getText()).contains("Safety risk", "The recruiter knows her address",
                "Demo Centre for Social Work");
        Object aboveTheFacts = ((JavascriptExecutor) browser).executeScript("return (document.getElementById('flags')"
                + ".compareDocumentPosition(document.getElementById('stage')) & Node.DOCUMENT_POSITION_FOLLOWING) > 0;");
        assertThat(aboveTheFacts).as("the warning comes before the case's facts").isEqualTo(true);
        checkAccessibility("case with a warning, identification authority");
        assertNoSidewaysScrollingAt768("case with a warning, identification authority");

        seen.findElement(By.tagName("summary")).click();
        until(ExpectedConditions.visibilityOf(seen.findElement(By.tagName("textarea"))))
                .sendKeys("Met with her at the centre: the recruiter was arrested yesterday");
        seen.findElement(By.cssSelector("button[type=submit]")).click();
        until(driver -> driver.findElements(By.id("no-flags")).isEmpty() ? refreshed(driver) : Boolean.TRUE);
        assertThat(browser.findElements(By.cssSelector("#flag-list .flag"))).as("lifted").isEmpty();
        signOut();
    }

    /** A case the police's system opened and handed over to the centre for social work, through the API. */
    private String caseHandedOverByThePolice(String namePrefix) throws Exception {
        String policeSystem = clientToken("demo-first-line");
        String socialWelfare = JSON.readTree(api("GET", "/api/identity/organisations?type=social-welfare", null,
                policeSystem).body()).at("/items/0/id").asString();
        String name = namePrefix + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> opened = api("POST", "/api/cases", Map.of("detectingSector", "POLICE",
                "screenedAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                "location", Map.of("country", "RS", "municipality", "Kragujevac"),
                "dataSubject", Map.of("givenName", "Vera", "familyName", name, "ageCategory", "ADULT",
                        "sex", "Feminine")), policeSystem);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = JSON.readTree(opened.body()).path("caseId").asString();
        assertThat(api("POST", "/api/cases/" + caseId + "/indicator-assessments", Map.of("indicatorSetId",
                "labour-v1", "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT"),
                "assessedAt", Instant.now().minus(Duration.ofHours(1)).toString()), policeSystem).statusCode())
                .isEqualTo(201);
        assertThat(api("POST", "/api/cases/" + caseId + "/presumed-victim", Map.of("grounds",
                "Recruited for a farm, passport taken on arrival", "responsibleOrganisationId", socialWelfare),
                policeSystem).statusCode()).isEqualTo(200);
        return caseId;
    }

    /**
     * A task the case manager assigns on a case to the shelter, due in two days, is found by the shelter among its
     * organisation's tasks and recorded done there, which takes it off the open ones.
     */
    @Test
    @Order(61)
    void aTaskTheCaseManagerAssignsIsFoundByTheShelterAmongItsTasksAndRecordedDone() throws Exception {
        String caseId = caseHandedOverByThePolice("Tasked-");
        String description = "Keep a bed free for her from Friday - " + UUID.randomUUID().toString().substring(0, 6);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("task-form"));
        new Select(browser.findElement(By.id("owedByOrganisationId"))).selectByVisibleText("Demo Shelter Novi Sad");
        browser.findElement(By.id("task-description")).sendKeys(description);
        // a datetime-local input's typing depends on the locale: set it
        ((JavascriptExecutor) browser).executeScript("document.getElementById('task-dueAt').value = arguments[0];",
                LocalDate.now().plusDays(2) + "T12:00");
        browser.findElement(By.id("task-submit")).click();
        // the task is referral-service's: the case's page lists it once that view has it
        assertThat(untilListed(By.cssSelector("#case-tasks .task")).getText()).contains(description,
                "Demo Shelter Novi Sad", "Open");
        checkAccessibility("case with a task, case manager");
        // a task for a person of her own organisation: herself, chosen by name
        String forHerself = "Call the shelter on Friday - " + UUID.randomUUID().toString().substring(0, 6);
        new Select(browser.findElement(By.id("owedByOrganisationId")))
                .selectByVisibleText("Demo Centre for Social Work");
        new Select(browser.findElement(By.id("owedByUserId"))).selectByVisibleText("Demo Case Manager");
        browser.findElement(By.id("task-description")).sendKeys(forHerself);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('task-dueAt').value = arguments[0];",
                LocalDate.now().plusDays(3) + "T09:00");
        browser.findElement(By.id("task-submit")).click();
        assertThat(untilListed(By.xpath("//ul[@id='case-tasks']/li[contains(., '" + forHerself + "')]")).getText())
                .contains("For: Demo Case Manager");
        signOut();

        signIn("service-provider");
        browser.findElement(By.id("nav-tasks")).click();
        WebElement task = untilListed(By.xpath("//ul[@id='owed-tasks']/li[contains(., '" + description + "')]"));
        assertThat(task.getText()).contains("Demo Centre for Social Work", LocalDate.now().plusDays(2).toString());
        checkAccessibility("tasks, service provider");
        assertNoSidewaysScrollingAt768("tasks, service provider");
        screenshot("service-provider-tasks");
        task.findElement(By.tagName("textarea")).sendKeys("Bed 4 kept free from Friday");
        task.findElement(By.cssSelector("button[type=submit]")).click();
        until(driver -> driver.findElements(By.xpath("//ul[@id='owed-tasks']/li[contains(., '" + description
                + "')]")).isEmpty() ? Boolean.TRUE : refreshed(driver));
        browser.get(gateway + "/web/tasks?status=DONE");
        assertThat(untilListed(By.xpath("//ul[@id='owed-tasks']/li[contains(., '" + description + "')]")).getText())
                .contains("Done: Bed 4 kept free from Friday");
        signOut();
    }

    /**
     * A case conference: the case manager records one on a case (when, the centre chairing and the shelter at the
     * table, what was discussed, the decision) with an action item owed by the shelter; the conference's page shows
     * the item beside the task it became, and the shelter finds that task among its organisation's tasks.
     */
    @Test
    @Order(63)
    void aConferenceTheCaseManagerRecordsGivesTheShelterATask() throws Exception {
        String caseId = caseHandedOverByThePolice("Conference-");
        String item = "Keep a room on the ground floor free - " + UUID.randomUUID().toString().substring(0, 6);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("conferences-link")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("conference-form")));
        setValue("heldAt", LocalDate.now().minusDays(1) + "T10:00");
        new Select(browser.findElement(By.id("participant-0"))).selectByVisibleText("Demo Centre for Social Work");
        new Select(browser.findElement(By.id("participant-role-0"))).selectByVisibleText("Chair");
        new Select(browser.findElement(By.id("participant-1"))).selectByVisibleText("Demo Shelter Novi Sad");
        new Select(browser.findElement(By.id("participant-role-1"))).selectByVisibleText("Shelter");
        browser.findElement(By.id("note")).sendKeys("She cannot climb stairs since the accident at the farm");
        browser.findElement(By.id("decisions")).sendKeys("She stays at the shelter in Novi Sad");
        browser.findElement(By.id("item-0")).sendKeys(item);
        new Select(browser.findElement(By.id("item-owedBy-0"))).selectByVisibleText("Demo Shelter Novi Sad");
        setValue("item-dueAt-0", LocalDate.now().plusDays(2) + "T12:00");
        checkAccessibility("record a case conference, case manager");
        browser.findElement(By.id("conference-submit")).click();
        // the conference's view and the task follow the write moments later: shown again until they do
        untilListed(By.xpath("//table[@id='conference-items']//tr[contains(., '" + item + "')]"));
        until(driver -> driver.findElement(By.xpath("//table[@id='conference-items']//tr[contains(., '" + item
                + "')]")).getText().contains("Open") ? Boolean.TRUE : refreshed(driver));
        assertThat(browser.findElement(By.id("conference-note")).getText()).contains("cannot climb stairs");
        assertThat(browser.findElement(By.id("conference-participants")).getText())
                .contains("Demo Shelter Novi Sad: Shelter");
        checkAccessibility("case conference, case manager");
        screenshot("case-manager-conference");
        signOut();

        signIn("service-provider");
        browser.findElement(By.id("nav-tasks")).click();
        WebElement task = untilListed(By.xpath("//ul[@id='owed-tasks']/li[contains(., '" + item + "')]"));
        assertThat(task.getText()).contains("Demo Centre for Social Work", "From a case conference",
                LocalDate.now().plusDays(2).toString());
        signOut();
    }

    /**
     * An emergency situation (decision 46): a first-line officer registers a raid and, on the rapid form at a phone's
     * width, three of the persons found there with the little known on site; the situation's page lists three cases to
     * complete, and so does the officer's screening page. The monitor then counts the cases of that situation alone:
     * three are fewer than the threshold, so the count is shown suppressed.
     */
    @Test
    @Order(68)
    void aRaidsPersonsRegisteredRapidlyAreThreeCasesToCompleteAndCountedByTheSituation() throws Exception {
        String town = "Subotica-" + UUID.randomUUID().toString().substring(0, 6);
        signIn("first-line");
        browser.findElement(By.id("nav-emergencies")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("register-situation"))).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("situation-form")));
        new Select(browser.findElement(By.id("kind"))).selectByVisibleText("Raid or inspection");
        browser.findElement(By.id("municipality")).sendKeys(town);
        browser.findElement(By.id("description")).sendKeys("Dawn raid on a greenhouse complex, workers in containers");
        checkAccessibility("register an emergency situation, first-line");
        browser.findElement(By.id("situation-submit")).click();

        until(ExpectedConditions.visibilityOfElementLocated(By.id("group-form")));
        new Select(browser.findElement(By.id("detectingSector"))).selectByVisibleText("Police");
        String[][] persons = {{"W-01", "Male"}, {"W-02", "Female"}, {"W-03", "Male"}};
        for (int i = 0; i < persons.length; i++) {
            browser.findElement(By.id("p" + i + ".temporaryReference")).sendKeys(persons[i][0]);
            new Select(browser.findElement(By.id("p" + i + ".sex"))).selectByVisibleText(persons[i][1]);
            browser.findElement(By.id("p" + i + ".languages")).sendKeys("pa");
        }
        browser.findElement(By.id("need-0-MEDICAL")).click();
        checkAccessibility("rapid group form, first-line");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("the rapid form at a phone's width").isLessThanOrEqualTo(0);
            screenshot("first-line-emergency-group-phone");
        } finally {
            browser.manage().window().setSize(before);
        }
        browser.findElement(By.id("group-submit")).click();

        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done"))).getText())
                .startsWith("The persons are registered");
        // the situation's cases follow the write moments later: shown again until the three are listed
        until(driver -> driver.findElements(By.cssSelector("tr.situation-case")).size() == 3 ? Boolean.TRUE
                : refreshed(driver));
        assertThat(browser.findElement(By.id("situation-case-table")).getText()).contains("W-01", "W-02", "W-03",
                "Medical attention", "To complete");
        assertThat(browser.findElement(By.id("to-complete-count")).getText()).startsWith("3 cases you may see, 3 of them");
        checkAccessibility("emergency situation, first-line");
        screenshot("first-line-emergency-situation");

        browser.findElement(By.linkText("Screening")).click();
        until(driver -> driver.findElements(By.xpath("//section[@id='to-complete']//li[contains(., 'W-0')]"))
                .size() >= 3 ? Boolean.TRUE : refreshed(driver));
        signOut();

        signIn("monitor");
        until(ExpectedConditions.urlContains("/web/statistics"));
        // the situation reaches the monitor's list moments after it is stored: shown again until it does
        String situation = until(driver -> {
            for (WebElement option : driver.findElements(By.xpath("//select[@id='emergencySituation']/option"))) {
                if (option.getText().contains(town)) {
                    return option.getText();
                }
            }
            driver.navigate().refresh();
            return null;
        });
        new Select(browser.findElement(By.id("emergencySituation"))).selectByVisibleText(situation);
        browser.findElement(By.id("count")).click();
        until(driver -> driver.findElement(By.id("count-table")).getText().contains(town) ? Boolean.TRUE
                : refreshed(driver));
        assertThat(browser.findElement(By.id("count-table")).getText()).as("three cases: below the threshold")
                .contains(situation, "suppressed").doesNotContain("No emergency situation");
        checkAccessibility("statistics by emergency situation");
        screenshot("monitor-statistics-emergency");
        signOut();
    }

    /**
     * The person's feedback (decision 45): the case manager issues a one-time link in Albanian from the case's page;
     * in a fresh browser session, signed out, the link opens the questionnaire in Albanian with nothing of the case on
     * it, the person answers and sends it, and the link is refused when opened again; the case manager sees the
     * feedback given with the person's comment; with nine more recorded through the API the monitor's indicators show
     * the feedback counted.
     */
    @Test
    @Order(67)
    void thePersonGivesFeedbackThroughAOneTimeLinkInAlbanianWhichTheMonitorCounts() throws Exception {
        String name = "Feedback-" + UUID.randomUUID().toString().substring(0, 8);
        String caseId = caseHandedOverByThePolice(name);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("feedback-link")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("link-form")));
        new Select(browser.findElement(By.id("link-language"))).selectByValue("sq");
        browser.findElement(By.id("link-submit")).click();
        String link = until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-link"))).getDomProperty("value");
        assertThat(link).contains("/web/feedback/").endsWith("?lang=sq").doesNotContain(caseId);
        checkAccessibility("the person's feedback, case manager");
        screenshot("case-manager-feedback-link");
        signOut();

        // the person: another browser session, nobody signed in
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(link);
        until(ExpectedConditions.visibilityOfElementLocated(By.id("person-feedback-form")));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("sq");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mendimi juaj");
        assertThat(browser.getPageSource()).doesNotContain(caseId).doesNotContain(name).doesNotContain("Vera")
                .doesNotContain("Kragujevac");
        assertThat(browser.findElements(By.id("sign-out"))).isEmpty();
        browser.findElement(By.cssSelector("label[for='answer-SATISFIED-YES']")).click();
        browser.findElement(By.cssSelector("label[for='answer-FELT_SAFE-PARTLY']")).click();
        browser.findElement(By.cssSelector("label[for='answer-INFORMED_IN_OWN_LANGUAGE-YES']")).click();
        browser.findElement(By.id("comment")).sendKeys("Punonjësja sociale më ndihmoi shumë");
        checkAccessibility("the person's feedback page, in Albanian");
        screenshot("person-feedback");
        browser.findElement(By.id("person-feedback-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-thanks"))).getText())
                .contains("Mendimi juaj u mor");
        browser.get(link);
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-unusable"))).getText())
                .as("a link is used once").isNotBlank();

        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId + "/feedback");
        // the case's feedback follows the write moments later: shown again until it does
        WebElement given = until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#feedback-list li.feedback-GIVEN"));
            if (found.isEmpty()) {
                driver.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
        assertThat(given.getText()).contains("Feedback given", "through the person's link",
                "Are you satisfied with the help you received?", "Punonjësja sociale më ndihmoi shumë");
        checkAccessibility("the feedback given, case manager");
        signOut();

        String caseManager = clientToken("demo-case-manager");
        for (int i = 0; i < 9; i++) {
            assertThat(api("POST", "/api/cases/" + caseId + "/feedback", Map.of("answers",
                    Map.of("SATISFIED", "YES")), caseManager).statusCode()).isEqualTo(201);
        }
        signIn("monitor");
        browser.get(gateway + "/web/statistics/indicators");
        WebElement counted = until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#feedback-count-chart-table tbody tr td"));
            if (!rows.isEmpty() && rows.get(0).getText().matches("\\d+") && Integer.parseInt(rows.get(0).getText()) >= 10) {
                return rows.get(0);
            }
            driver.navigate().refresh();
            return null;
        });
        assertThat(counted.getText()).matches("\\d+");
        assertThat(browser.findElement(By.id("feedback-chart-table")).getText())
                .contains("Are you satisfied with the help you received?");
        assertThat(browser.findElement(By.id("feedback")).getText()).doesNotContain(caseId);
        checkAccessibility("indicators with the feedback");
        signOut();
    }

    /**
     * The individual assistance plan: on a case handed over by the police, with the person's consent to a referral to
     * the shelter, the case manager records two needs (safety, accommodation), a goal for one of them and a service of
     * the shelter, records the person's signed agreement, turns the service into a referral with one button, sees
     * the service marked referred, and finds the plan's steps and the referral in the case's timeline.
     */
    @Test
    @Order(64)
    void theCaseManagerDrawsUpAnAssistancePlanAndRefersItsServiceInOneStep() throws Exception {
        String caseId = caseHandedOverByThePolice("Plan-");
        String caseManagerSystem = clientToken("demo-case-manager");
        String shelterId = null;
        for (var provider : JSON.readTree(api("GET", "/api/providers?serviceType=SAFE_ACCOMMODATION", null,
                caseManagerSystem).body())) {
            if ("Demo Shelter Novi Sad".equals(provider.get("name").asString())) {
                shelterId = provider.get("id").asString();
            }
        }
        assertThat(shelterId).as("the directory has the demo shelter").isNotNull();
        HttpResponse<String> consent = api("POST", "/api/cases/" + caseId + "/consents", Map.of(
                "consentId", UUID.randomUUID().toString(), "decision", "GIVEN", "givenBy", "DATA_SUBJECT",
                "purposes", List.of("REFERRAL"), "serviceTypes", List.of("SAFE_ACCOMMODATION"),
                "recipientOrganisationId", shelterId), caseManagerSystem);
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        String marker = UUID.randomUUID().toString().substring(0, 6);

        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("plan-link")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("need-form")));
        assertThat(browser.findElement(By.id("no-plan")).getText()).isNotBlank();
        new Select(browser.findElement(By.id("domain"))).selectByVisibleText("Safety");
        browser.findElement(By.id("description")).sendKeys("Afraid the recruiter will find her - " + marker);
        browser.findElement(By.id("need-submit")).click();
        untilListed(By.xpath("//ul[@id='need-list']/li[contains(., '" + marker + "')]"));
        new Select(browser.findElement(By.id("domain"))).selectByVisibleText("Accommodation");
        browser.findElement(By.id("description")).sendKeys("No safe place to live");
        browser.findElement(By.id("need-submit")).click();
        untilListed(By.xpath("//ul[@id='need-list']/li[contains(., 'No safe place to live')]"));
        assertThat(browser.findElements(By.cssSelector("#need-list li"))).hasSize(2);

        browser.findElement(By.id("goalDescription")).sendKeys("Lives in a safe place within a month");
        new Select(browser.findElement(By.id("goalNeedId"))).selectByIndex(2);
        setValue("goalTargetDate", LocalDate.now().plusMonths(1).toString());
        browser.findElement(By.id("goal-submit")).click();
        untilListed(By.xpath("//ul[@id='goal-list']/li[contains(., 'Lives in a safe place')]"));

        new Select(browser.findElement(By.id("serviceType"))).selectByValue("SAFE_ACCOMMODATION");
        new Select(browser.findElement(By.id("providerOrganisationId"))).selectByVisibleText("Demo Shelter Novi Sad");
        new Select(browser.findElement(By.id("serviceNeedId"))).selectByIndex(2);
        setValue("serviceTargetDate", LocalDate.now().plusDays(7).toString());
        browser.findElement(By.id("service-submit")).click();
        WebElement service = untilListed(By.cssSelector("#service-table tbody tr"));
        assertThat(service.getText()).contains("Safe accommodation", "Demo Shelter Novi Sad");

        setValue("agreedOn", LocalDate.now().toString());
        new Select(browser.findElement(By.id("agreementFormSelect"))).selectByValue("SIGNED");
        browser.findElement(By.id("withWhom")).sendKeys("Interpreter for Romanian");
        browser.findElement(By.id("agreement-submit")).click();
        assertThat(untilListed(By.id("agreement-current")).getText()).contains("Signed", "Interpreter for Romanian");
        assertThat(browser.findElement(By.id("plan-review-due")).getText()).contains("UTC");
        checkAccessibility("assistance plan, case manager");

        // one button: the referral to the shelter for the service, both from the plan; referral-service learns of
        // the consent moments after it is stored, so a first press may be refused saying so, and is pressed again
        // (the page still says the agreement was recorded: only a "done" after a press says the referral was made)
        boolean[] pressed = {false};
        boolean[] made = {false};
        WebElement referred = until(driver -> {
            try {
                List<WebElement> done = driver.findElements(By.cssSelector("#service-table .referred"));
                if (!done.isEmpty()) {
                    return done.get(0);
                }
                made[0] |= pressed[0] && !driver.findElements(By.cssSelector("main .done")).isEmpty();
                List<WebElement> buttons = driver.findElements(By.cssSelector("#service-table .refer-service"));
                if (!made[0] && !buttons.isEmpty()) {
                    WebElement button = buttons.get(0);
                    button.click();
                    until(ExpectedConditions.stalenessOf(button)); // the answer's page, not the one pressed on
                    pressed[0] = true;
                } else {
                    driver.navigate().refresh(); // made: the plan marks it moments later
                }
            } catch (StaleElementReferenceException pageChanged) {
                // the next page is coming
            }
            return null;
        });
        assertThat(referred.getText()).isEqualTo("Referred");
        screenshot("case-manager-assistance-plan");
        assertNoSidewaysScrollingAt768("assistance plan, case manager");

        browser.get(gateway + "/web/cases/" + caseId);
        assertThat(untilListed(By.xpath("//*[contains(., 'Plan service referred')]")).isDisplayed()).isTrue();
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Need assessed", "Person agreed to the plan", "Referral made of a planned service");
        assertThat(untilListed(By.cssSelector("#referral-list tbody tr")).getText())
                .contains("Safe accommodation", "Demo Shelter Novi Sad");
        signOut();
    }

    /**
     * The same person across agencies: a police system opens a case for a woman in Latin script, and another police
     * station opens a second one for her in Cyrillic script (both handed to the social welfare centre); the case
     * manager finds the first case among the second one's possible matches, named only by its number, stage,
     * organisation and dates, and links them; the timeline says so.
     */
    @Test
    @Order(66)
    void theCaseManagerLinksASecondCaseInCyrillicToTheFirstCaseOfThePerson() throws Exception {
        // a family name of this run's own, of Serbian letters only, so that its Cyrillic spelling is the clerk's;
        // always with "lj" and "nj", each one Cyrillic letter (љ, њ), which once folded to "l" and "n" and missed
        String[] syllables = {"ra", "do", "vi", "ka", "lju", "mi", "nje", "še", "to", "ža", "đu", "če"};
        StringBuilder family = new StringBuilder();
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 4; i++) {
            family.append(syllables[random.nextInt(syllables.length)]);
        }
        String latin = "Lju" + family + "njić";
        String born = LocalDate.of(1970, 1, 1).plusDays(random.nextInt(12_000)).toString();
        String first = openedByThePolice("Milena", latin, born);
        String second = openedByThePolice("Милена", cyrillic(latin), born);

        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + second);
        until(driver -> driver.findElements(By.id("match-" + first)).isEmpty() ? refreshed(driver) : Boolean.TRUE);
        WebElement match = browser.findElement(By.id("match-" + first));
        assertThat(match.getText()).contains(first, "Presumed victim", "Demo Centre for Social Work")
                .doesNotContain("Milena").doesNotContain(latin).doesNotContain(born);
        checkAccessibility("possible matches, case manager");
        screenshot("case-manager-possible-matches");
        browser.findElement(By.id("link-" + first)).click();
        until(driver -> driver.findElements(By.cssSelector("#match-" + first + " .linked")).isEmpty()
                ? refreshed(driver) : Boolean.TRUE);
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Linked as the same person as another case");
        signOut();
    }

    /** Opened by the police's system through the API, flagged and handed to the social welfare centre. */
    private String openedByThePolice(String givenName, String familyName, String dateOfBirth) throws Exception {
        String policeSystem = clientToken("demo-first-line");
        String socialWelfare = JSON.readTree(api("GET", "/api/identity/organisations?type=social-welfare", null,
                policeSystem).body()).at("/items/0/id").asString();
        HttpResponse<String> opened = api("POST", "/api/cases", Map.of("detectingSector", "POLICE",
                "screenedAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                "location", Map.of("country", "RS", "municipality", "Niš"),
                "dataSubject", Map.of("givenName", givenName, "familyName", familyName, "dateOfBirth", dateOfBirth,
                        "ageCategory", "ADULT", "sex", "Feminine", "citizenship", List.of("RS"))), policeSystem);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = JSON.readTree(opened.body()).path("caseId").asString();
        assertThat(api("POST", "/api/cases/" + caseId + "/indicator-assessments", Map.of("indicatorSetId",
                "labour-v1", "answers", Map.of("LAB-01", "PRESENT", "LAB-02", "PRESENT"),
                "assessedAt", Instant.now().minus(Duration.ofHours(1)).toString()), policeSystem).statusCode())
                .isEqualTo(201);
        assertThat(api("POST", "/api/cases/" + caseId + "/presumed-victim", Map.of("grounds",
                "Found at a construction site without documents", "responsibleOrganisationId", socialWelfare),
                policeSystem).statusCode()).isEqualTo(200);
        return caseId;
    }

    /** Serbian Latin letters to Cyrillic, as a clerk writes a name (digraphs first). */
    private static String cyrillic(String latin) {
        String[][] letters = {{"lj", "љ"}, {"nj", "њ"}, {"dž", "џ"}, {"a", "а"}, {"b", "б"}, {"v", "в"},
                {"g", "г"}, {"d", "д"}, {"đ", "ђ"}, {"e", "е"}, {"ž", "ж"}, {"z", "з"}, {"i", "и"}, {"j", "ј"},
                {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"},
                {"t", "т"}, {"ć", "ћ"}, {"u", "у"}, {"f", "ф"}, {"h", "х"}, {"c", "ц"}, {"č", "ч"}, {"š", "ш"}};
        String lower = latin.toLowerCase(java.util.Locale.ROOT);
        for (String[] letter : letters) {
            lower = lower.replace(letter[0], letter[1]);
        }
        return lower.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + lower.substring(1);
    }

    /**
     * Four eyes on a closure (the demo NRM holds closures for approval): the case manager closes a case and is told it
     * was sent for approval, the case staying open; the demo approver of the same centre finds it among the approvals
     * waiting for the organisation, with the reason and note asked for, and approves it; the case is then closed, and
     * its timeline says who asked and who approved.
     */
    @Test
    @Order(80)
    void aClosureTheCaseManagerRequestsIsTakenOnceASecondPersonApprovesIt() throws Exception {
        String caseId = caseHandedOverByThePolice("Closing-");
        String note = "Returned home with the support of her family - " + UUID.randomUUID().toString().substring(0, 6);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("closure-form"));
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Reintegrated");
        browser.findElement(By.id("closure-note")).sendKeys(note);
        browser.findElement(By.id("closure-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done"))).getText())
                .startsWith("Sent for approval");
        assertThat(browser.findElement(By.id("state")).getText()).as("nothing changes until approved")
                .isEqualTo("Open");
        signOut();

        signIn("approver");
        until(ExpectedConditions.urlContains("/web/approvals"));
        WebElement approval = untilListed(By.xpath("//ul[@id='approvals']/li[contains(., '" + note + "')]"));
        assertThat(approval.getText()).contains("Closure of a case", caseId.substring(0, 8), "Reintegrated");
        checkAccessibility("approvals, approver");
        assertNoSidewaysScrollingAt768("approvals, approver");
        screenshot("approver-approvals");
        approval.findElement(By.cssSelector("form[id^='approve-form-'] button")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done"))).getText())
                .startsWith("Approved: the step is taken");
        browser.get(gateway + "/web/approvals?status=EXECUTED");
        untilListed(By.xpath("//ul[@id='approvals']/li[contains(., '" + note + "')]"));
        signOut();

        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        until(driver -> driver.findElement(By.id("state")).getText().equals("Closed") ? Boolean.TRUE
                : refreshed(driver));
        // the approval's steps join the timeline once the history's index has the approval
        until(driver -> driver.findElement(By.id("timeline")).getText().contains("Sent for approval") ? Boolean.TRUE
                : refreshed(driver));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Approved", "Case closed");
        closedWithApproval = caseId;
        signOut();
    }

    /** The case step 80 closed, for the retention step (88). */
    private String closedWithApproval;

    /**
     * Retention: the administrator opens the retention page from the menu, sees the installation's periods, and
     * asks for a dry run on a day five years and a month ahead; the case closed in step 80 (before any identification
     * decision) is listed as one the run would erase, by the rule for cases not identified, five years after its
     * closure. Nothing is erased: the demo NRM erases without approval, and a dry run only shows.
     */
    @Test
    @Order(88)
    void theAdministratorsDryRunListsAClosedCaseWhoseRetentionHasEnded() throws Exception {
        assertThat(closedWithApproval).as("the case closed in step 80").isNotNull();
        signIn("administrator");
        until(ExpectedConditions.elementToBeClickable(By.id("nav-retention"))).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("dry-run-form")));
        assertThat(browser.findElement(By.id("period-not-identified")).getText()).isEqualTo("P5Y");
        LocalDate closedOn = LocalDate.now(ZoneOffset.UTC);
        setValue("on", closedOn.plusYears(5).plusMonths(1).toString());
        browser.findElement(By.id("dry-run")).click();
        WebElement due = until(ExpectedConditions.visibilityOfElementLocated(By.id("due-" + closedWithApproval)));
        assertThat(due.findElement(By.cssSelector(".rule")).getText()).isEqualTo("Not identified (after closure)");
        assertThat(due.findElement(By.cssSelector(".due-on")).getText())
                .isIn(closedOn.plusYears(5).toString(), closedOn.minusDays(1).plusYears(5).toString());
        assertThat(due.findElement(By.cssSelector(".step")).getText()).isEqualTo("Erases it");
        checkAccessibility("retention, administrator");
        assertNoSidewaysScrollingAt768("retention, administrator");
        screenshot("administrator-retention");
        signOut();
    }

    /**
     * The case manager follows a closure they asked for in "my requests" (waiting, asked by them by name and
     * organisation), the approver sees who asked by name, approves it, and the case manager's page then names the
     * approver. (The demo NRM does not hold transnational referrals: step 83 makes one at once; their hold is shown
     * over HTTP in HeldTransnationalReferralApiTest.)
     */
    @Test
    @Order(82)
    void theRequesterFollowsTheirRequestAndTheApprovalsNameWhoAskedAndWhoDecided() throws Exception {
        String caseId = caseHandedOverByThePolice("Requested-");
        String note = "Moved to the town where her sister lives - " + UUID.randomUUID().toString().substring(0, 6);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("closure-form"));
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Reintegrated");
        browser.findElement(By.id("closure-note")).sendKeys(note);
        browser.findElement(By.id("closure-submit")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
        until(ExpectedConditions.elementToBeClickable(By.id("nav-my-requests"))).click();
        WebElement mine = untilListed(By.xpath("//ul[@id='my-requests']/li[contains(., '" + note + "')]"));
        assertThat(mine.getText()).contains("Closure of a case", "Waiting", "Demo Case Manager",
                "Demo Centre for Social Work");
        checkAccessibility("my requests, case manager");
        signOut();

        signIn("approver");
        WebElement approval = untilListed(By.xpath("//ul[@id='approvals']/li[contains(., '" + note + "')]"));
        assertThat(approval.getText()).contains("asked by Demo Case Manager (Demo Centre for Social Work)");
        approval.findElement(By.cssSelector("form[id^='approve-form-'] button")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done"))).getText())
                .startsWith("Approved: the step is taken");
        signOut();

        signIn("case-manager");
        browser.get(gateway + "/web/approvals/mine");
        By decided = By.xpath("//ul[@id='my-requests']/li[contains(., '" + note + "')]");
        until(driver -> driver.findElement(decided).getText().contains("Decided by Demo Approver") ? Boolean.TRUE
                : refreshed(driver));
        assertThat(browser.findElement(decided).getText()).contains("Approved and taken");
        signOut();
    }

    /**
     * A referral to another country's NRM from the case page: the case manager names the peer installation, the
     * service (from the code list, in the page's language), urgency and answer-by date, and is told the referral is
     * made, its signed packet ready for the operators to carry; the API then has it as sent. The demo installation
     * holds only closures for approval (infra/nrm), so it is made at once. The consent naming the peer is recorded
     * through the API: the page's consent form offers the directory's organisations only.
     */
    @Test
    @Order(83)
    void theCaseManagerRefersACaseToAnotherCountrysNrmFromTheCasePage() throws Exception {
        String caseId = caseHandedOverByThePolice("Abroad-");
        HttpResponse<String> consent = api("POST", "/api/cases/" + caseId + "/consents", Map.of("decision", "GIVEN",
                "givenBy", "DATA_SUBJECT", "purposes", List.of("TRANSNATIONAL_REFERRAL"),
                "serviceTypes", List.of("SAFE_ACCOMMODATION"), "recipientOrganisationId", PEER),
                clientToken("demo-case-manager"));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        signIn("case-manager");
        browser.get(gateway + "/web/cases/" + caseId);
        untilListed(By.id("transnational-form"));
        assertThat(browser.findElement(By.id("transnational-heading")).getText())
                .isEqualTo("Refer to another country's NRM");
        assertThat(new Select(browser.findElement(By.id("transnational-service"))).getOptions())
                .as("the service-type code list, labelled").anySatisfy(option ->
                        assertThat(option.getText()).isEqualTo("Safe accommodation (shelter)"));
        checkAccessibility("case, case manager, with the transnational referral form");

        // referral-service learns of the case and its consent from case-service's events moments later: until then
        // the page says which rule is not met, keeps what was typed, and the same referral is sent again
        By made = By.id("transnational-made");
        for (int attempt = 1; browser.findElements(made).isEmpty(); attempt++) {
            WebElement installation = browser.findElement(By.id("toInstallationId"));
            installation.clear();
            installation.sendKeys(PEER);
            new Select(browser.findElement(By.id("transnational-service"))).selectByValue("SAFE_ACCOMMODATION");
            new Select(browser.findElement(By.id("transnational-urgency"))).selectByValue("URGENT");
            WebElement note = browser.findElement(By.id("transnational-note"));
            note.clear();
            note.sendKeys("Her family lives in Shkodër; she asked to go back there");
            browser.findElement(By.id("transnational-submit")).click();
            until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(made),
                    ExpectedConditions.visibilityOfElementLocated(By.id("refusal"))));
            if (browser.findElements(made).isEmpty()) {
                String refusal = browser.findElement(By.id("refusal")).getText();
                System.out.println("transnational referral, attempt " + attempt + ": " + refusal);
                assertThat(attempt).as("still refused: %s", refusal).isLessThan(20);
                Thread.sleep(1500);
            }
        }
        assertThat(browser.findElement(By.cssSelector(".done")).getText())
                .startsWith("The transnational referral is made");
        String shown = browser.findElement(made).getText();
        assertThat(shown).endsWith("sent, waiting for the other NRM's answer");
        Matcher id = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(shown);
        assertThat(id.find()).as(shown).isTrue();
        HttpResponse<String> referral = api("GET", "/api/transnational-referrals/" + id.group(),
                null, clientToken("demo-case-manager"));
        assertThat(referral.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(referral.body()).path("status").asString()).isEqualTo("SENT");
        screenshot("case-manager-transnational-referral");
        signOut();
    }

    /** A peer installation's public key (X.509, base64) as its operator would configure it: made for the run. */
    private static String peerPublicKey() {
        try {
            return Base64.getEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair().getPublic().getEncoded());
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
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

    /** A demo API client's access token (client credentials), to read what the API itself answers. */
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

    /**
     * The monitor records a small national action plan from the menu: an objective, an activity, one indicator bound
     * to the computed presumed victims and one reported by the Judicial Academy; records the academy's value for
     * this year and reports the year's progress (the activity delayed and in progress, the bound indicator on track,
     * the reported one at risk); sees the statuses and values on the plan's page, the bound one as the indicators
     * compute it (a number, or said suppressed); and downloads the plan's report as PDF.
     */
    @Test
    @Order(85)
    void theMonitorRecordsAnActionPlanReportsTheYearAndDownloadsItsReport() throws Exception {
        String year = Integer.toString(LocalDate.now(ZoneOffset.UTC).getYear());
        String title = "National action plan " + year + " (" + UUID.randomUUID().toString().substring(0, 8) + ")";
        signIn("monitor");
        until(ExpectedConditions.elementToBeClickable(By.id("nav-action-plans"))).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-form")));
        checkAccessibility("action plans");
        browser.findElement(By.id("plan-title")).sendKeys(title);
        // a date input's typing depends on the locale: set it
        setValue("plan-starts", year + "-01-01");
        setValue("plan-ends", (Integer.parseInt(year) + 1) + "-12-31");
        browser.findElement(By.id("plan-submit")).click();
        untilShownAfterTheWrite(By.id("objective-form"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);

        browser.findElement(By.id("objective-title")).sendKeys("Presumed victims are identified sooner");
        browser.findElement(By.id("objective-submit")).click();
        untilShownAfterTheWrite(By.id("activity-form"));
        browser.findElement(By.id("activity-title")).sendKeys("Train judges in the indicators of trafficking");
        browser.findElement(By.id("activity-responsible")).sendKeys("Judicial Academy");
        setValue("activity-deadline", year + "-11-30");
        browser.findElement(By.id("activity-submit")).click();
        untilShownAfterTheWrite(By.cssSelector("table.activities"));

        browser.findElement(By.id("indicator-name")).sendKeys("Presumed victims identified");
        new Select(browser.findElement(By.id("indicator-bound"))).selectByValue("presumedVictims");
        browser.findElement(By.id("indicator-baseline")).sendKeys("10");
        browser.findElement(By.id("indicator-target")).sendKeys("20");
        browser.findElement(By.id("indicator-submit")).click();
        untilShownAfterTheWrite(By.cssSelector("table.indicators"));
        browser.findElement(By.id("indicator-name")).sendKeys("Judges trained");
        browser.findElement(By.id("source-reported")).click();
        browser.findElement(By.id("indicator-reported-by")).sendKeys("Judicial Academy");
        browser.findElement(By.id("indicator-unit")).sendKeys("people");
        browser.findElement(By.id("indicator-baseline")).sendKeys("0");
        browser.findElement(By.id("indicator-target")).sendKeys("50");
        browser.findElement(By.id("indicator-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[contains(@class,'indicators')]//th[starts-with(., 'Judges trained')]"));

        new Select(browser.findElement(By.id("value-indicator"))).selectByVisibleText("Judges trained (Judicial Academy)");
        browser.findElement(By.id("value-period")).sendKeys(year);
        browser.findElement(By.id("value-value")).sendKeys("12");
        browser.findElement(By.id("value-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[contains(@class,'indicators')]//th[normalize-space()='" + year + "']"));

        browser.findElement(By.id("progress-period")).sendKeys(year);
        for (WebElement select : browser.findElements(By.cssSelector("#progress-form select"))) {
            String name = select.getDomAttribute("name");
            String label = browser.findElement(By.cssSelector("label[for='" + select.getDomAttribute("id") + "']"))
                    .getText();
            if (name.startsWith("activity.")) {
                new Select(select).selectByValue("DELAYED");
            } else if (name.startsWith("implementation.")) {
                new Select(select).selectByValue("IN_PROGRESS");
            } else {
                new Select(select).selectByValue(label.contains("Judges trained") ? "AT_RISK" : "ON_TRACK");
            }
        }
        browser.findElement(By.id("progress-narrative")).sendKeys("The training of judges moved to the autumn.");
        browser.findElement(By.id("progress-submit")).click();
        untilShownAfterTheWrite(By.id("narratives"));

        assertThat(browser.findElement(By.cssSelector("table.activities tbody tr")).getText())
                .contains("Judicial Academy", "in progress", "delayed");
        List<WebElement> indicators = browser.findElements(By.cssSelector("table.indicators tbody tr"));
        assertThat(indicators).hasSize(2);
        assertThat(indicators.get(0).getText()).contains("computed: presumedVictims")
                .containsPattern("(\\d+(\\.\\d+)?|suppressed) · on track");
        assertThat(indicators.get(1).getText()).contains("reported by Judicial Academy", "12 · at risk");
        assertThat(browser.findElement(By.id("narratives")).getText()).contains("moved to the autumn");
        checkAccessibility("action plan");
        screenshot("monitor-action-plan");
        assertNoSidewaysScrollingAt768("action plan");

        HttpResponse<byte[]> pdf = download(browser.findElement(By.id("report-pdf")).getDomAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        signOut();
    }

    /**
     * The region's languages: the prosecutor turns a page into Macedonian with the switch at its top; its heading,
     * the navigation and what the API refuses are then said in Macedonian.
     */
    @Test
    @Order(94)
    void theSwitchTurnsASignedInPageIntoMacedonianRefusalsIncluded() throws Exception {
        Assumptions.assumeTrue(caseId != null, "needs the case the first-line officer opened");
        signIn("prosecutor");
        browser.get(gateway + "/web/prosecution/cases/" + caseId);
        browser.findElement(By.id("language-mk")).click();
        until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "mk"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Случај за постапка");
        assertThat(browser.findElement(By.cssSelector("nav a[href$='/prosecution']")).getText()).isEqualTo("Извоз за суд");

        ((JavascriptExecutor) browser).executeScript("document.getElementById('reference').removeAttribute('required')");
        browser.findElement(By.id("requestedBy")).sendKeys("Основно јавно обвинителство Скопје");
        browser.findElement(By.id("legal-basis-submit")).click();
        assertThat(until(ExpectedConditions.visibilityOfElementLocated(By.id("reference-error"))).getText())
                .isEqualTo("Пополнете го ова поле.");
        assertThat(browser.findElement(By.id("refusal")).getText())
                .contains("Дел од внесеното не може да се прифати");
        checkAccessibility("case, prosecutor, in Macedonian");
        screenshot("prosecutor-macedonian");

        browser.findElement(By.id("language-en")).click();
        until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        signOut();
    }

    /**
     * The sign-in page in the region's languages: a person who opens the web application signed out reaches
     * identity-service's sign-in page in the browser's language (English here), switches it to Albanian, reads the
     * form's labels in Albanian, signs in and lands in the web application, which keeps the language chosen.
     */
    @Test
    @Order(95)
    void theSignInPageTurnsAlbanianAndTheSignInStillLandsInTheWebApplication() throws Exception {
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(gateway + "/web/");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("User name");

        browser.findElement(By.id("language-sq")).click();
        until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "sq"));
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText())
                .isEqualTo("Emri i përdoruesit");
        assertThat(browser.findElement(By.cssSelector("label[for=password]")).getText()).isEqualTo("Fjalëkalimi");
        assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo("Identifikohu");
        checkAccessibility("sign-in page, in Albanian");
        assertNoSidewaysScrollingAt768("sign-in page, in Albanian");
        screenshot("sign-in-albanian");

        browser.findElement(By.id("username")).sendKeys("demo-monitor");
        browser.findElement(By.id("password")).sendKeys("demo-monitor-Pa55!");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).startsWith("/web/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                .as("the web application reads the language chosen at sign-in").isEqualTo("sq");
        signOut();
    }

    /**
     * The administrator records the demo shelter's safe accommodation with its capacity and a licence expiring within
     * the alert period; the monitor records a visit with a finding not met and raises a corrective action; the case
     * manager sees the shelter's compliance beside it when choosing where to refer; the resource report shows the
     * capacity; the shelter records its corrective action done on its own page and is compliant again.
     */
    @Test
    @Order(96)
    void providersStandardsAndCapacityReachTheReferralFormAndTheResourceReport() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String region = "Vojvodina";
        signIn("administrator");
        until(ExpectedConditions.elementToBeClickable(By.id("nav-providers"))).click();
        until(ExpectedConditions.elementToBeClickable(By.linkText("Demo Shelter Novi Sad"))).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("service-form")));
        new Select(browser.findElement(By.id("service-type"))).selectByValue("SAFE_ACCOMMODATION");
        browser.findElement(By.id("service-region")).sendKeys(region);
        browser.findElement(By.id("service-places")).sendKeys("12");
        browser.findElement(By.id("service-staff")).sendKeys("7");
        browser.findElement(By.id("service-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[@id='capacity']//td[.='" + region + "']"));
        browser.findElement(By.id("licence-reference")).sendKeys("SOC-112/2024");
        browser.findElement(By.id("licence-issued-by")).sendKeys("Ministry of Labour and Social Affairs");
        setValue("licence-expires", today.plusDays(30).toString());
        browser.findElement(By.id("licence-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[@id='licence-list']//td[.='SOC-112/2024']"));
        checkAccessibility("provider, administrator");
        signOut();

        signIn("monitor");
        until(ExpectedConditions.elementToBeClickable(By.id("nav-providers"))).click();
        // the licence expires within the alert period: listed as expiring, alerted by the deadline scheduler
        untilListed(By.xpath("//table[@id='expiring']//td[.='SOC-112/2024']"));
        browser.findElement(By.linkText("Demo Shelter Novi Sad")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
        setValue("visit-on", today.toString());
        new Select(browser.findElement(By.id("rating-SAFE_PREMISES"))).selectByValue("MET");
        new Select(browser.findElement(By.id("rating-INTERPRETATION"))).selectByValue("NOT_MET");
        browser.findElement(By.id("note-INTERPRETATION")).sendKeys("No budget for interpreters");
        browser.findElement(By.id("visit-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[contains(@class,'visit')]//td[.='No budget for interpreters']"));
        new Select(browser.findElement(By.id("action-item"))).selectByValue("INTERPRETATION");
        browser.findElement(By.id("action-description")).sendKeys("Contract an interpreters' service");
        setValue("action-due", today.plusDays(30).toString());
        browser.findElement(By.id("action-submit")).click();
        untilShownAfterTheWrite(By.xpath("//table[@id='action-list']//td[.=\"Contract an interpreters' service\"]"));
        until(driver -> driver.findElement(By.id("compliance")).getText().contains("Partly compliant")
                ? Boolean.TRUE : refreshed(driver));
        checkAccessibility("provider, monitor");
        screenshot("monitor-provider-standards");
        assertNoSidewaysScrollingAt768("provider, monitor");

        browser.findElement(By.linkText("All providers")).click();
        until(ExpectedConditions.elementToBeClickable(By.id("resource-report"))).click();
        WebElement capacity = untilListed(By.xpath("//table[@id='resources']//tr[th[.='" + region + "']]"));
        assertThat(capacity.getText()).contains("Safe accommodation", "12", "7");
        checkAccessibility("resource report");
        screenshot("monitor-resource-report");
        HttpResponse<byte[]> csv = download(browser.findElement(By.id("resources-csv")).getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains(region + ",SAFE_ACCOMMODATION,1,12,7,");
        signOut();

        // the case manager chooses where to refer: the shelter's compliance stands beside it
        String handedOver = caseHandedOverByThePolice("Standards");
        signIn("case-manager");
        until(ExpectedConditions.urlContains("/web/worklist"));
        browser.get(gateway + "/web/cases/" + handedOver);
        new Select(until(ExpectedConditions.elementToBeClickable(By.id("service")))).selectByValue("SAFE_ACCOMMODATION");
        WebElement compliance = until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//form[@id='referral-form']//label[starts-with(normalize-space(.), 'Demo Shelter Novi Sad')]"
                        + "/following-sibling::span[contains(@class,'compliance')]")));
        assertThat(compliance.getText()).isEqualTo("Partly compliant");
        checkAccessibility("case, referral form with compliance");
        signOut();

        // the shelter records its corrective action done on its own page: compliant again
        signIn("service-provider");
        until(ExpectedConditions.elementToBeClickable(By.id("own-standards"))).click();
        WebElement open = until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//table[@id='action-list']//tr[td[.=\"Contract an interpreters' service\"]]")));
        // the row's form: its CSRF token is a hidden input before the note
        open.findElement(By.cssSelector("input[name='note']")).sendKeys("Contract signed with the interpreters' association");
        checkAccessibility("provider's own standards");
        open.findElement(By.cssSelector("button[type='submit']")).click();
        until(driver -> driver.findElement(By.id("compliance")).getText().contains("Compliant")
                && !driver.findElement(By.id("compliance")).getText().contains("Partly") ? Boolean.TRUE
                : refreshed(driver));
        signOut();
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value);
    }

    /** What a page shows, once it shows it; a timeout names the page and what it showed instead. */
    private <T> T until(ExpectedCondition<T> shown) {
        try {
            return wait.until(shown);
        } catch (TimeoutException notShown) {
            if (wedged(notShown)) { // a reload inside the wait that never came back: the browser's, not the page's
                throw notShown;
            }
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

    /**
     * Signs in from a clean browser. Tried a second time when the first attempt stalls: a sign-in has been seen, on
     * a busy machine, to hang in the browser with its form sent and no answer (the gateway now answers any request
     * within its deadline); signing in again is harmless, and each attempt is reported.
     */
    private void signIn(String role) {
        for (int attempt = 1; ; attempt++) {
            try {
                // from a clean browser, whatever a failed step before left behind
                ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
                browser.get(gateway + "/web/");
                until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("demo-" + role);
                browser.findElement(By.id("password")).sendKeys("demo-" + role + "-Pa55!");
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
                return;
            } catch (TimeoutException | AssertionError stalled) {
                if (attempt == 2) {
                    throw stalled;
                }
                System.out.println("sign-in as " + role + " stalled (" + stalled.getMessage().lines().findFirst()
                        .orElse("") + "); signing in again");
            }
        }
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
