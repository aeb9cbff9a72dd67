package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Netlify's login widget, unchanged, signs in through a provider button and a real OpenID Connect provider: the widget
 * shows buttons only for the providers it knows (Google, GitHub, GitLab, Bitbucket), so the real Keycloak stands in
 * as Google here ({@code nf.identity.external.google.issuer}). The widget sends no {@code redirect_to}: the browser
 * comes back to the widget's page because {@code /authorize} returns to the page the sign-in started from.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class WidgetExternalSignInIT extends HttpTestBase {
    private static final String SITE = "http://127.0.0.1:8080";

    private WebDriver driver;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        Keycloak kc = Keycloak.get();
        return Deployments.sample(Map.of(
                "nf.identity.site-url",
                SITE,
                "nf.identity.external.google.issuer",
                kc.issuer(),
                "nf.identity.external.google.client-id",
                Keycloak.CLIENT_ID,
                "nf.identity.external.google.secret",
                Keycloak.CLIENT_SECRET));
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void continueWithGoogleThroughTheRealProviderEndsLoggedInOnTheWidgetsPage() throws Exception {
        driver = Chromium.start(http);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(SITE + "/widget.html");
        wait.until(d -> String.valueOf(d.findElement(By.id("out")).getAttribute("data-done"))
                .startsWith("init:"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.netlify-identity-login")))
                .click();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("netlify-identity-widget"));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(., 'Continue with Google')]")))
                .click();

        try {
            wait.until(d -> d.getCurrentUrl().startsWith(Keycloak.get().base()));
            driver.switchTo().defaultContent(); // the modal's frame went with the widget's page
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            driver.switchTo().defaultContent();
            throw new AssertionError(
                    "not at Keycloak's login: at " + driver.getCurrentUrl() + ": "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
        driver.findElement(By.id("username")).sendKeys("browser");
        driver.findElement(By.id("password")).sendKeys("kc-password-browser-1");
        driver.findElement(By.id("kc-login")).click();

        try {
            wait.until(d -> d.getCurrentUrl().startsWith(SITE + "/widget.html")
                    && String.valueOf(d.findElement(By.id("out")).getAttribute("data-done"))
                            .startsWith("login:"));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "not logged in on the widget's page: at " + driver.getCurrentUrl() + ": "
                            + page.substring(0, Math.min(page.length(), 1500)),
                    e);
        }
        JsonObject out = Json.createReader(
                        new StringReader(driver.findElement(By.id("out")).getText()))
                .readObject();
        assertEquals("browser.kc@it.example.com", out.getString("email"), out.toString());
        assertTrue(
                driver.findElement(By.id("status")).getText().contains("browser.kc@it.example.com"),
                "the page shows who is logged in");
        String token = (String) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " netlifyIdentity.currentUser().jwt().then(done, e => done('error: ' + e));");
        assertEquals("browser.kc@it.example.com", userOf(token).getString("email"), "the widget's token works");
    }
}
