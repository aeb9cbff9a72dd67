package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * The account page's "link" in headless Chromium, through the real Keycloak: a user logged in with the password links
 * a Keycloak account that holds another address, and comes back to the page signed in, with the new way to sign in
 * listed. The site is this server here, so the browser can land on it.
 */
@EnabledIf(value = Keycloak.FOUND, disabledReason = Keycloak.NOT_FOUND)
class AccountPageProviderIT extends HttpTestBase {
    private static final String SITE = "http://127.0.0.1:8080";

    private WebDriver driver;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        var settings = Keycloak.get().providerSettings();
        settings.put("nf.identity.site-url", SITE);
        settings.put("nf.identity.console.enabled", "true");
        return Deployments.sample(settings);
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aUserLinksAProviderAccountFromTheAccountPageAndComesBackSignedIn() throws Exception {
        String email = signUpViaApi();
        driver = Chromium.start(http);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(SITE + "/.netlify/identity/account/");
        PageChecks.type(wait, By.name("email"), email);
        PageChecks.type(wait, By.name("password"), PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), email));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-keycloak")))
                .click();
        wait.until(d -> d.getCurrentUrl().startsWith(Keycloak.get().base()));
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys("pagelinker");
        driver.findElement(By.id("password")).sendKeys("kc-password-pagelinker-1");
        driver.findElement(By.id("kc-login")).click();

        try {
            wait.ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers-section"), "keycloak"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "not back on the account page with the provider linked: at " + driver.getCurrentUrl() + ": "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
        assertEquals(email, driver.findElement(By.tagName("h1")).getText(), "signed in as the same user");
        assertTrue(driver.getCurrentUrl().endsWith("/account/"), "the tokens left the address bar");
        assertTrue(driver.findElements(By.id("link-keycloak")).isEmpty(), "nothing more to link");
        assertEquals(0, usersWithEmail("pagelinker.kc@elsewhere.example.org"), "no user of the provider's address");
    }
}
