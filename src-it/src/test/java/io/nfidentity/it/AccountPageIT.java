package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account page ({@code /.netlify/identity/account/}) in headless Chromium, as a user uses it, each effect checked
 * through the API; and attacked: stored HTML in the user's own name, a link that carries someone else's tokens.
 */
class AccountPageIT extends HttpTestBase {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    private static final String ACCOUNT = ID + "account/";

    private WebDriver driver;

    private WebDriverWait wait;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.console.enabled", "true",
                "nf.identity.passkeys.rp-id", "localhost",
                "nf.identity.passkeys.origins", "http://localhost:8080"));
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void open(String url) throws Exception {
        if (driver == null) {
            driver = Chromium.start(http);
            wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        }
        driver.get(url);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
    }

    private void type(By where, String text) {
        PageChecks.type(wait, where, text);
    }

    private String[] click(By what) {
        return PageChecks.click(driver, wait, what);
    }

    private void logIn(String email, String password) {
        type(By.name("email"), email);
        type(By.name("password"), password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), email));
    }

    @Test
    void aUserEditsTheProfileEndsAnotherDeviceChangesThePasswordAndDeletesTheAccount() throws Exception {
        String email = signUpViaApi();
        Http.Res laptop = passwordLogin(browser(), email, PASSWORD);
        open(http.base + ACCOUNT);
        PageChecks.accessible(driver, "account login");
        PageChecks.screenshot(driver, "account-login");
        logIn(email, PASSWORD);
        PageChecks.accessible(driver, "account");
        PageChecks.screenshot(driver, "account");

        type(By.id("name"), "<b onmouseover=alert(1)>Ada</b>");
        String[] saved = click(By.xpath("//button[normalize-space()='Save profile']"));
        assertEquals("ok", saved[0], saved[1]);
        assertTrue(
                browser().get("api/it/user-metadata?email=" + email).body().contains("<b onmouseover=alert(1)>Ada</b>"),
                "the name is stored as typed");
        assertEquals(
                "<b onmouseover=alert(1)>Ada</b>",
                driver.findElement(By.id("name")).getAttribute("value"));
        assertTrue(driver.findElements(By.cssSelector("main b")).isEmpty(), "shown as text, never as markup");

        assertEquals(
                3,
                driver.findElements(By.cssSelector("#sessions tbody tr")).size(),
                "this tab, the laptop and the signup's session");
        // newest first: this tab (no button: "Log out" ends it), then the laptop
        String[] ended = click(By.xpath("//button[normalize-space()='Log out that device']"));
        assertEquals("ok", ended[0], ended[1]);
        assertEquals(
                400, useRefreshToken(laptop.json().getString("refresh_token")).status(), "the laptop is logged out");

        type(By.id("new-password"), "a new account password 3");
        String[] changed = click(By.xpath("//button[normalize-space()='Change password']"));
        assertEquals("ok", changed[0], changed[1]);
        assertEquals(
                200, passwordLogin(browser(), email, "a new account password 3").status());

        type(By.id("delete-password"), "not my password");
        String[] wrong = click(By.xpath("//button[normalize-space()='Delete my account']"));
        assertEquals("error", wrong[0], "a wrong password deletes nothing: " + wrong[1]);
        assertEquals(1, usersWithEmail(email));
        type(By.id("delete-password"), "a new account password 3");
        String[] deleted = click(By.xpath("//button[normalize-space()='Delete my account']"));
        assertEquals("ok", deleted[0], deleted[1]);
        assertEquals(0, usersWithEmail(email), "the account is gone");
        assertTrue(driver.findElement(By.id("deleted")).getText().contains(email));
        assertEquals("Your account was deleted", Mailbox.await(mail, email, 2).subject(), "after the password notice");
    }

    @Test
    void aUserAddsAnAuthenticatorKeepsTheRecoveryCodesStepsUpAfterTheNextLoginAndRemovesIt() throws Exception {
        String email = signUpViaApi();
        open(http.base + ACCOUNT);
        logIn(email, PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Add an authenticator app']"))
                .click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("factor-secret")))
                .getText();
        assertTrue(
                driver.findElement(By.id("factor-qr")).getAttribute("src").startsWith("data:image/svg+xml;utf-8,"),
                "the QR code is drawn from the server's SVG");
        PageChecks.accessible(driver, "account, adding an authenticator");
        PageChecks.screenshot(driver, "account-factor");
        type(By.id("first-code-code"), FactorsIT.code(secret));
        String[] added = click(By.xpath("//form[@id='first-code-form']//button"));
        assertEquals("ok", added[0], added[1]);
        java.util.List<org.openqa.selenium.WebElement> codes =
                driver.findElements(By.cssSelector("#recovery-codes li"));
        assertEquals(10, codes.size(), "the recovery codes, shown once");
        String recovery = codes.get(0).getText();
        assertTrue(driver.findElement(By.id("factor-list")).getText().contains("verified"));

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
        logIn(email, PASSWORD);
        type(By.id("step-up-code"), recovery);
        String[] up = click(By.xpath("//form[@id='step-up-form']//button"));
        assertEquals("ok", up[0], up[1]);
        assertTrue(driver.findElements(By.id("step-up-form")).isEmpty(), "this session is at level 2 now");

        String[] removed = click(By.cssSelector("#factor-list button"));
        assertEquals("ok", removed[0], removed[1]);
        assertTrue(driver.findElements(By.id("factor-list")).isEmpty(), "no factor left");
        assertEquals(
                "A recovery code was used on your account",
                Mailbox.await(mail, email, 2).subject(),
                "after the notice of the factor's addition");
        assertEquals(
                "A second factor was removed from your account",
                Mailbox.await(mail, email, 3).subject());
    }

    @Test
    void aUserAddsAPasskeySignsInWithItAloneAndRemovesIt() throws Exception {
        String email = signUpViaApi();
        open(http.base.toString().replace("127.0.0.1", "localhost") + ACCOUNT);
        PasskeysIT.authenticator(driver);
        logIn(email, PASSWORD);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-passkey")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#passkey-list li")));

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("passkey-signin")))
                .click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), email));
        PageChecks.accessible(driver, "the account page with a passkey");

        driver.findElement(By.cssSelector("#passkey-list button")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#passkey-list")));
        Http.Res audit =
                browser().get(ID + "admin/audit?action=passkey_removed&per_page=100", "Authorization", OPERATOR);
        assertTrue(audit.body().contains(email), "removed, and audited: " + audit);
    }

    @Test
    void aMailedLinkSignsInOnlyByThePagesButtonAndTheLoginFormSignsInWithAMailedCode() throws Exception {
        String email = signUpViaApi();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "otp", "{\"email\":\"" + email + "\"}")
                        .status());
        String link = Mailbox.await(mail, email, 1).token("magiclink_token");
        driver = Chromium.start(http);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        driver.get(http.base + ACCOUNT + "#magiclink_token=" + link);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("magic-signin")));
        assertTrue(driver.getCurrentUrl().endsWith("/account/"), "the token left the address bar");
        PageChecks.accessible(driver, "the sign-in link's page");
        driver.findElement(By.id("magic-signin")).click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), email));

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("password")));
        driver.findElement(By.cssSelector("#code-form"))
                .findElement(By.xpath(".."))
                .findElement(By.tagName("summary"))
                .click();
        type(By.cssSelector("#code-form [name=email]"), email);
        driver.findElement(By.cssSelector("#code-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#code-form [name=code]")));
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("<strong>([0-9]{6})</strong>")
                .matcher(Mailbox.await(mail, email, 2).body());
        assertTrue(code.find());
        type(By.cssSelector("#code-form [name=code]"), code.group(1));
        driver.findElement(By.cssSelector("#code-form button")).click();
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), email));
        PageChecks.accessible(driver, "the account page after a code sign-in");
    }

    @Test
    void aLinkCarryingSomeoneElsesTokensDoesNotLogTheVisitorIn() throws Exception {
        String attacker = signUpViaApi();
        Http.Res tokens = passwordLogin(browser(), attacker, PASSWORD);
        // the fragment a provider sign-in would come back with, but this tab never started one
        open(http.base + ACCOUNT + "#access_token=" + tokens.json().getString("access_token") + "&refresh_token="
                + tokens.json().getString("refresh_token") + "&expires_in=3600&token_type=bearer");
        assertTrue(driver.findElement(By.name("password")).isDisplayed(), "the login form, not the attacker's account");
        assertTrue(driver.getCurrentUrl().endsWith("/account/"), "the tokens left the address bar");
        assertNull(
                ((JavascriptExecutor) driver)
                        .executeScript("return document.body.textContent.includes(arguments[0]) ? 1 : null", attacker),
                "nothing of the attacker's account is shown");
    }
}
