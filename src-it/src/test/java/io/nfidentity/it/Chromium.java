package io.nfidentity.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its ChromeDriver, for the tests that run Netlify's browser client. Skips the test
 * (an assumption) where Chromium is not installed ({@code .ci/run} installs it) or the build bundled no client (no
 * npm).
 */
final class Chromium {
    static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");

    private Chromium() {}

    static WebDriver start(Http http) throws Exception {
        assumeTrue(
                new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute(),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        assumeTrue(http.get("nf-identity-client.js").status() == 200, "the client bundle was not built (no npm)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("nfid-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        return new ChromeDriver(service, options);
    }
}
