package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Netlify's login widget ({@code netlify-identity-widget} 2.0.3 from npm, its own prebuilt script, unchanged) on the
 * sample's {@code widget.html}, in headless Chromium, as a visitor uses it: the modal's forms are filled and its
 * buttons clicked, and the links nf-identity mails (read from GreenMail) are opened as they are. Confirmation is on
 * (autoconfirm off, as on Netlify), and mailed links point at the widget's page ({@code nf.identity.mail.link-path}).
 */
class WidgetIT extends HttpTestBase {
    private static final String SITE = "http://127.0.0.1:8080";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    private WebDriver driver;

    private WebDriverWait wait;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.autoconfirm", "false",
                "nf.identity.site-url", SITE,
                "nf.identity.mail.link-path", "/widget.html"));
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Opens {@code url} (the widget page, or a mailed link to it) and waits for the event the page then reports. */
    private JsonObject open(String url, String event) throws Exception {
        if (driver == null) {
            driver = Chromium.start(http);
            wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        }
        // a mailed link opens as a new page, never as a jump within the page already open (the widget reads the
        // fragment when it loads)
        driver.get("about:blank");
        driver.get(url);
        return awaitEvent(event, null);
    }

    /** The page's report of the widget's next event {@code event} after {@code before}. */
    private JsonObject awaitEvent(String event, String before) {
        driver.switchTo().defaultContent();
        try {
            wait.until(d -> {
                String done = d.findElement(By.id("out")).getAttribute("data-done");
                return done != null && !done.equals(before) && done.startsWith(event + ":");
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "the widget did not report " + event + "; the page says: "
                            + driver.findElement(By.tagName("body")).getText() + " / modal: " + modalText(),
                    e);
        }
        return Json.createReader(
                        new StringReader(driver.findElement(By.id("out")).getText()))
                .readObject();
    }

    private String lastEvent() {
        driver.switchTo().defaultContent();
        return driver.findElement(By.id("out")).getAttribute("data-done");
    }

    private String modalText() {
        try {
            driver.switchTo().frame("netlify-identity-widget");
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no modal)";
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** Clicks a button of the widget's menu on the page ({@code signup}, {@code login}, {@code logout}), then works
     * inside the modal it opens. */
    private void menu(String item) {
        driver.switchTo().defaultContent();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.netlify-identity-" + item)))
                .click();
        intoModal();
    }

    private void intoModal() {
        driver.switchTo().defaultContent();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("netlify-identity-widget"));
    }

    /** Closes the modal when it is open (as it stays after a logout), as a visitor does with its close button. */
    private void closeModal() {
        driver.switchTo().defaultContent();
        if (driver.findElement(By.id("netlify-identity-widget")).isDisplayed()) {
            intoModal();
            driver.findElement(By.cssSelector("button.btnClose")).click();
            driver.switchTo().defaultContent();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("netlify-identity-widget")));
        }
    }

    private void fill(String name, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name(name)));
        input.clear();
        input.sendKeys(value);
    }

    private void submit() {
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    /** Waits inside the modal until its text contains {@code text}. */
    private void modalSays(String text) {
        try {
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the modal never said \"" + text + "\": " + modalText(), e);
        }
    }

    private void logInThroughTheModal(String email, String password) {
        String before = lastEvent();
        closeModal();
        menu("login");
        fill("email", email);
        fill("password", password);
        submit();
        assertEquals(email, awaitEvent("login", before).getString("email"));
    }

    private void logOutThroughTheModal() {
        String before = lastEvent();
        // the menu's "Log out" opens the modal on the user's page, whose button logs out; the modal may still be open
        // on that page after a login
        driver.switchTo().defaultContent();
        if (driver.findElement(By.id("netlify-identity-widget")).isDisplayed()) {
            intoModal();
        } else {
            menu("logout");
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Log out']")))
                .click();
        awaitEvent("logout", before);
    }

    @Test
    void signupConfirmedFromTheMailedLinkThenLogoutAndLoginAgain() throws Exception {
        String email = uniqueEmail();
        open(SITE + "/widget.html", "init");

        menu("signup");
        fill("name", "Ada Widget");
        fill("email", email);
        fill("password", PASSWORD);
        submit();
        modalSays("A confirmation message was sent to your email");
        assertEquals(1, usersWithEmail(email), "the user is stored, unconfirmed");

        Mailbox.Mail confirmation = Mailbox.await(mail, email, 1);
        assertTrue(
                confirmation.link().startsWith(SITE + "/widget.html#confirmation_token="),
                "the mailed link leads to the widget's page: " + confirmation.link());
        JsonObject confirmed = open(confirmation.link(), "login");
        assertEquals(email, confirmed.getString("email"), "the link confirmed and logged in: " + confirmed);

        logOutThroughTheModal();
        logInThroughTheModal(email, PASSWORD);
        String metadata = browser().get("api/it/user-metadata?email=" + email).body();
        assertTrue(metadata.contains("\"full_name\":\"Ada Widget\""), "the name typed in the widget: " + metadata);
    }

    @Test
    void forgotPasswordThroughToANewPassword() throws Exception {
        String email = uniqueEmail();
        newConfirmedUser(email);
        open(SITE + "/widget.html", "init");

        menu("login");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Forgot password?']")))
                .click();
        fill("email", email);
        submit();
        modalSays("We've sent a recovery email");

        Mailbox.Mail recovery = Mailbox.await(mail, email, 1);
        assertEquals("Reset Your Password", recovery.subject());
        open(recovery.link(), "init");
        intoModal();
        modalSays("Recover password");
        String before = lastEvent();
        intoModal();
        fill("password", "a brand new password 7");
        submit();
        assertEquals(email, awaitEvent("login", before).getString("email"), "the new password logged the user in");

        logOutThroughTheModal();
        assertEquals(400, passwordLogin(browser(), email, PASSWORD).status(), "the old password is gone");
        logInThroughTheModal(email, "a brand new password 7");
    }

    @Test
    void anInvitationAcceptedFromItsMailedLink() throws Exception {
        String email = uniqueEmail();
        Http.Res invite =
                browser().send("POST", ID + "invite", "{\"email\":\"" + email + "\"}", "Authorization", OPERATOR);
        assertEquals(200, invite.status(), invite.toString());

        Mailbox.Mail invitation = Mailbox.await(mail, email, 1);
        assertTrue(invitation.link().startsWith(SITE + "/widget.html#invite_token="), invitation.link());
        open(invitation.link(), "init");
        intoModal();
        modalSays("Complete your signup");
        String before = lastEvent();
        intoModal();
        fill("password", "my invited password 9");
        submit();
        assertEquals(email, awaitEvent("login", before).getString("email"), "the invitation logged the user in");

        logOutThroughTheModal();
        logInThroughTheModal(email, "my invited password 9");
    }
}
