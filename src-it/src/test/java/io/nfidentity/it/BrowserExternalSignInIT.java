package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Netlify's {@code @netlify/identity} in headless Chromium, unchanged: {@code oauthLogin()} to Keycloak, Keycloak's
 * real login page, back through the callback to the site, where {@code handleAuthCallback()} takes the session. The
 * site is the sample itself here ({@code nf.identity.site-url} is this server), so the browser can land on it.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class BrowserExternalSignInIT extends HttpTestBase {
    private static final String SITE = "http://127.0.0.1:8080";
    private WebDriver driver;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.site-url", SITE);
        return Deployments.sample(settings);
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private JsonObject out() {
        return Json.createReader(
                        new StringReader(driver.findElement(By.id("out")).getText()))
                .readObject();
    }

    @Test
    void oauthLoginThroughKeycloakEndsWithHandleAuthCallbacksSession() throws Exception {
        driver = Chromium.start(http);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // the page on the site's own origin, where the provider sends the browser back (Payara's Arquillian adapter
        // names the server "localhost", another site for the browser's cookies)
        driver.get(SITE + "/client.html");
        wait.until(d -> "true".equals(d.findElement(By.id("providers")).getAttribute("data-ready")));
        assertEquals(
                "Continue with Keycloak",
                driver.findElement(By.id("oauth-keycloak")).getText());

        driver.findElement(By.id("oauth-keycloak")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(Keycloak.get().base()));
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys("browser");
        driver.findElement(By.id("password")).sendKeys("kc-password-browser-1");
        driver.findElement(By.id("kc-login")).click();

        try {
            wait.until(d -> {
                var out = d.findElements(By.id("out"));
                String done = out.isEmpty() ? null : out.get(0).getAttribute("data-done");
                return done != null && done.startsWith("callback:");
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "no callback on the site: at " + driver.getCurrentUrl() + ": "
                            + page.substring(0, Math.min(page.length(), 1500)),
                    e);
        }
        JsonObject result = out();
        assertTrue(result.getBoolean("ok"), "handleAuthCallback() failed: " + result);
        assertEquals("browser.kc@it.example.com", result.getJsonObject("result").getString("email"));
        assertTrue(
                driver.getCurrentUrl().endsWith("client.html"), "the fragment is cleared: " + driver.getCurrentUrl());
        assertNotNull(driver.manage().getCookieNamed("nf_jwt"), "the session is in the cookies");

        driver.findElement(By.id("whoami")).click();
        wait.until(d -> String.valueOf(d.findElement(By.id("out")).getAttribute("data-done"))
                .startsWith("whoami:"));
        assertEquals("browser.kc@it.example.com", out().getJsonObject("result").getString("email"));
    }
}
