package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample's own pages (start page, dashboard, Netlify's client and widget pages) in headless Chromium: each passes
 * axe-core, and the console and the account page, which this deployment does not switch on, answer 404.
 */
class SamplePagesIT extends SampleTestBase {
    private WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theConsoleAndTheAccountPageAreOffUnlessSwitchedOn() {
        for (String path : new String[] {"console/", "account/", "ui/api.js", "console", "account"}) {
            Http.Res r = browser().get(ID + path);
            assertEquals(404, r.status(), path + ": " + r);
        }
    }

    @Test
    void theSamplesPagesPassTheAccessibilityCheck() throws Exception {
        driver = Chromium.start(http);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(http.base.toString());
        PageChecks.accessible(driver, "start page");
        PageChecks.screenshot(driver, "sample-start");

        String email = uniqueEmail();
        Http.Res made = browser().postJson("api/signup", credentials(email, PASSWORD));
        assertEquals(302, made.status(), made.toString());
        PageChecks.type(wait, By.name("email"), email);
        PageChecks.type(wait, By.name("password"), PASSWORD);
        driver.findElement(By.cssSelector("button[data-action=login]")).click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));
        PageChecks.accessible(driver, "dashboard");

        driver.get(http.base + "client.html");
        PageChecks.accessible(driver, "client page");
        driver.get(http.base + "widget.html");
        wait.until(d -> String.valueOf(d.findElement(By.id("out")).getAttribute("data-done"))
                .startsWith("init:"));
        PageChecks.accessible(driver, "widget page");
    }
}
