package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.PushReceiver;

/**
 * The operator console in a real browser (Debian's chromium, headless, driven by Selenium
 * through the system's chromedriver): log in, find a dossier with its hand-offs and control
 * slip, replay a dead letter, look at agencies and counters. Screenshots of each view go to
 * {@code target/console-screenshots/}. Runs in the profile {@code browser} ({@code .ci/run}).
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static WebDriver browser;
    private static WebDriverWait wait;
    private final TestGateway gateway = SharedGateway.gateway();

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the operator console test needs Debian's chromium and chromium-driver (apt-get install chromium "
                        + "chromium-driver): skipped");
        // The system's driver, named outright, so that Selenium Manager never tries to download one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A dossier handed from the desk to the land office and the finance department, the
     * finance department's result back, and a dead letter to an agency that is down /
     * result: the console shows the timeline and the slip, and replays the dead letter once
     * the agency is back.
     */
    @Test
    void operatorFindsTheDossierAndReplaysADeadLetter() throws IOException {
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE)
                .applicant("Trần Thị Bình", "Phường Trung tâm", "0912345678").receivedAt("2026-11-27T08:40:00+07:00");
        String dossier = handoff.dossierCode();
        submit(TestGateway.DESK, handoff);
        submit(TestGateway.FINANCE, TestEnvelopes.handoff().dossier(dossier).kind("result").from(TestGateway.FINANCE)
                .fromOfficer("Phạm Thu Hà").to(TestGateway.LAND_OFFICE).noStep()
                .note("Đã xác định nghĩa vụ tài chính"));

        AtomicBoolean agencyUp = new AtomicBoolean();
        try (PushReceiver endpoint = new PushReceiver(0, "/push", delivery -> {
            if (!agencyUp.get()) {
                throw new IllegalStateException("down");
            }
        })) {
            TestAgencies.Registered downAgency = TestAgencies.pushAgency(gateway,
                    "http://localhost:" + endpoint.port() + "/push",
                    Map.of("maxAttempts", 1, "initialDelay", "50ms", "multiplier", 1.0, "maxDelay", "50ms"));
            TestEnvelopes.Builder lost = TestEnvelopes.handoff().to(downAgency.code());
            submit(TestGateway.DESK, lost);
            await().atMost(PATIENCE).until(() -> TestHttp.send(gateway, "GET", "admin/dead-letters?agency="
                    + downAgency.code(), adminToken(), null, null).body().contains(lost.id()));

            logIn();
            findDossier(dossier);
            replayDeadLetter(lost, downAgency, agencyUp, endpoint);
            lookAtAgencies(downAgency);
            lookAtCounters();
        }
    }

    private void logIn() throws IOException {
        browser.get(gateway.baseUri() + "/console/");
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));

        token.sendKeys(gateway.token(TestGateway.DESK));
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Not an operator"));

        token.clear();
        token.sendKeys(adminToken());
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertThat(browser.getCurrentUrl()).doesNotContain(adminToken());
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('lienthong.console.token')"))
                .isEqualTo(adminToken());
    }

    private void findDossier(String dossier) throws IOException {
        browser.findElement(By.id("dossier-code")).sendKeys(dossier);
        browser.findElement(By.cssSelector("#dossier-form button")).click();

        WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-timeline")));
        wait.until(d -> timeline.findElements(By.cssSelector("tbody tr")).size() == 3);
        assertThat(browser.findElement(By.id("dossier-summary")).getText())
                .contains(dossier, "Trần Thị Bình", "Đăng ký biến động đất đai", "Đang xử lý");
        assertThat(timeline.getText()).contains("Thẩm định hồ sơ", "Nguyễn Văn An", "Phạm Thu Hà", "early · trước hạn");

        WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".slip iframe")));
        browser.switchTo().frame(frame);
        WebElement title = wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(title.getText()).containsIgnoringCase("phiếu kiểm soát");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(dossier, "Trước hạn");
        assertThat(title.getCssValue("text-align")).as("the slip's own stylesheet applies").isEqualTo("center");
        browser.switchTo().defaultContent();
        screenshot("1-dossier", 2600);
    }

    private void replayDeadLetter(TestEnvelopes.Builder lost, TestAgencies.Registered agency, AtomicBoolean agencyUp,
                                  PushReceiver endpoint) throws IOException {
        browser.findElement(By.cssSelector("#nav [data-view=dead-letters]")).click();
        By row = By.cssSelector("tr.dead-letter[data-envelope-id='" + lost.id() + "'][data-recipient='"
                + agency.code() + "']");
        WebElement deadLetter = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(deadLetter.getText()).contains(TestGateway.DESK, "handoff", "500");

        deadLetter.findElement(By.cssSelector("button.inspect")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letter-detail"), "FAILED"));
        screenshot("2-dead-letters", 1000);

        agencyUp.set(true);
        deadLetter.findElement(By.cssSelector("button.replay")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Replayed " + lost.id()));
        wait.until(d -> d.findElements(row).isEmpty());
        await().atMost(PATIENCE).until(() -> endpoint.find(lost.id()).isPresent());
        screenshot("3-dead-letter-replayed", 1000);
    }

    private void lookAtAgencies(TestAgencies.Registered agency) throws IOException {
        browser.findElement(By.cssSelector("#nav [data-view=agencies]")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#agencies tr[data-agency='" + agency.code() + "']")));
        assertThat(row.getText()).contains("Cơ quan thử nghiệm", "push (rest)", "days left");
        WebElement landOffice = browser.findElement(By.cssSelector("#agencies tr[data-agency='" + TestGateway.LAND_OFFICE
                + "']"));
        assertThat(landOffice.findElements(By.tagName("td")).get(3).getText()).as("queue depth").matches("\\d+(\\n.*)?");
        assertThat(landOffice.findElement(By.cssSelector(".endpoint-health")).getText()).as("endpoint health")
                .isEqualTo("answering");
        screenshot("4-agencies", 1600);
    }

    private void lookAtCounters() throws IOException {
        browser.findElement(By.cssSelector("#nav [data-view=counters]")).click();
        // Found afresh each time: the tiles are drawn again at every read.
        By deliveries = By.cssSelector(".tile[data-counter='Deliveries'] .value");
        By waiting = By.cssSelector(".tile[data-counter='Waiting for delivery'] .value");
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(deliveries).getText().matches("\\d+.*")
                        && d.findElement(waiting).getText().matches("\\d+.*"));
        screenshot("5-counters", 1000);
    }

    private void submit(String agency, TestEnvelopes.Builder envelope) {
        gateway.client(agency).submit(gateway.sign(agency, envelope.xml()));
    }

    private String adminToken() {
        return gateway.operatorToken(DemoProvisioning.DEMO_ADMIN);
    }

    /** Saves the page, the window as tall as {@code height} so that a long view fits. */
    private static void screenshot(String name, int height) throws IOException {
        browser.manage().window().setSize(new Dimension(1400, height));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
