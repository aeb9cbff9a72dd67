package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console ({@code /.netlify/identity/console/}) in headless Chromium, as an administrator uses it, each
 * effect checked through the API; and attacked: a non-administrator, a stored name with HTML in it, paths that are
 * not its files. Every page passes axe-core and leaves a screenshot in {@code target/screenshots}.
 */
class ConsoleIT extends HttpTestBase {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    private static final String CONSOLE = ID + "console/";

    private WebDriver driver;

    private WebDriverWait wait;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.console.enabled",
                "true",
                // a receiver that is never there (the discard port, closed): every notification fails at its one try
                "nf.identity.notify.urls",
                "http://127.0.0.1:9/hooks?token=receiver-secret",
                "nf.identity.notify.secret",
                "it-console-notify-secret-0123456789abcdef",
                "nf.identity.notify.events",
                "user_signedup",
                "nf.identity.notify.attempts",
                "1"));
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void start() throws Exception {
        driver = Chromium.start(http);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(http.base + CONSOLE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
    }

    private String[] logIn(String email, String password) {
        String before = PageChecks.statusCount(driver);
        type(By.name("email"), email);
        type(By.name("password"), password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        return PageChecks.awaitStatus(driver, before);
    }

    private void type(By where, String text) {
        PageChecks.type(wait, where, text);
    }

    private String[] click(By what) {
        return PageChecks.click(driver, wait, what);
    }

    private void awaitView(String view) {
        wait.until(d -> view.equals(d.findElement(By.id("main")).getAttribute("data-view")));
    }

    private JsonObject adminGet(String path) {
        Http.Res r = browser().get(ID + path, "Authorization", OPERATOR);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private String idOf(String email) {
        return adminGet("admin/users?filter=" + email)
                .getJsonArray("users")
                .getJsonObject(0)
                .getString("id");
    }

    @Test
    void theConsoleIsServedWithAStrictPolicyAndOnlyItsOwnFiles() {
        Http.Res page = browser().get(CONSOLE);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.toString());
        String policy = page.header("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
        assertTrue(page.header("Cache-Control").orElse("").contains("no-store"), page.toString());
        assertEquals(200, browser().get(ID + "ui/api.js").status());

        Http.Res bare = browser().get(ID + "console");
        assertEquals(301, bare.status(), bare.toString());
        for (String path : new String[] {
            "console/nope.js",
            "console/../ui/api.js.bak",
            "ui/%2e%2e/console/",
            "console/..%2f..%2fadmin/users",
            "ui/text/../../console/console.js.map",
            "account/index.html"
        }) {
            Http.Res r = browser().get(ID + path);
            assertTrue(r.status() == 404 || r.status() == 400, path + " is no file of the pages: " + r);
            assertFalse(r.body().contains("<html"), path + ": " + r);
        }
    }

    @Test
    void aUserWhoIsNoAdministratorSeesARefusalAndNothingElse() throws Exception {
        String email = signUpViaApi();
        start();
        PageChecks.accessible(driver, "console login");
        PageChecks.screenshot(driver, "console-login");

        String[] outcome = logIn(email, PASSWORD);

        assertEquals("error", outcome[0], outcome[1]);
        assertTrue(outcome[1].contains("not an administrator"), outcome[1]);
        assertTrue(driver.findElement(By.id("refusal")).getText().contains(email));
        assertFalse(driver.findElement(By.id("nav")).isDisplayed(), "no navigation for a non-administrator");
        assertTrue(driver.findElements(By.cssSelector("table")).isEmpty(), "no user list");
    }

    @Test
    void anAdministratorManagesAUserFromSearchToDeletionAndStoredHtmlStaysText() throws Exception {
        String victim = uniqueEmail();
        String hostileName = "<img src=x onerror=\"window.__pwned=1\">Eve";
        Http.Res made = browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + victim + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true,"
                                + "\"user_metadata\":{\"full_name\":\"<img src=x onerror=\\\"window.__pwned=1\\\">Eve\"}}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, made.status(), made.toString());
        Http.Res victimLogin = passwordLogin(browser(), victim, PASSWORD);
        String victimAccess = victimLogin.json().getString("access_token");
        Http.Res factor = browser()
                .send("POST", ID + "factors", "{\"factor_type\":\"totp\"}", "Authorization", "Bearer " + victimAccess);
        assertEquals(200, factor.status(), factor.toString());
        String factorId = factor.json().getString("id");
        Http.Res challenge = browser()
                .send(
                        "POST",
                        ID + "factors/" + factorId + "/challenge",
                        null,
                        "Authorization",
                        "Bearer " + victimAccess);
        Http.Res verified = browser()
                .send(
                        "POST",
                        ID + "factors/" + factorId + "/verify",
                        "{\"challenge_id\":\"" + challenge.json().getString("id") + "\",\"code\":\""
                                + FactorsIT.code(
                                        factor.json().getJsonObject("totp").getString("secret")) + "\"}",
                        "Authorization",
                        "Bearer " + victimAccess);
        assertEquals(200, verified.status(), verified.toString());
        String admin = newAdmin();
        start();
        logIn(admin, PASSWORD);
        awaitView("users");
        PageChecks.accessible(driver, "console users");
        PageChecks.screenshot(driver, "console-users");

        type(By.id("search"), victim);
        driver.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(victim))).click();
        String id = idOf(victim);
        awaitView("users/" + id);
        assertEquals(hostileName, driver.findElement(By.id("user-name")).getText(), "the name is shown as text");
        assertNull(((JavascriptExecutor) driver).executeScript("return window.__pwned"), "the stored HTML never ran");
        PageChecks.accessible(driver, "console user");
        PageChecks.screenshot(driver, "console-user");

        type(By.id("roles"), "editor, reviewer");
        String[] saved = click(By.xpath("//button[normalize-space()='Save roles']"));
        assertEquals("ok", saved[0], saved[1]);
        assertEquals(
                "[\"editor\",\"reviewer\"]",
                adminGet("admin/users/" + id)
                        .getJsonObject("app_metadata")
                        .getJsonArray("roles")
                        .toString());

        type(By.id("user-metadata"), "{\"full_name\": \"Eve\", oops}");
        String[] invalid = click(By.xpath("//button[normalize-space()='Save metadata']"));
        assertEquals("error", invalid[0], "invalid JSON is refused before anything is sent: " + invalid[1]);
        assertEquals(
                hostileName,
                adminGet("admin/users/" + id).getJsonObject("user_metadata").getString("full_name"),
                "nothing was saved");

        assertTrue(driver.findElement(By.id("user-factors")).getText().contains("verified"), "the lost phone");
        String[] factorRemoved = click(By.cssSelector("#user-factors button[data-factor]"));
        assertEquals("ok", factorRemoved[0], factorRemoved[1]);
        Http.Res factorsLeft = browser().get(ID + "admin/users/" + id + "/factors", "Authorization", OPERATOR);
        assertEquals("[]", factorsLeft.body().trim(), "the factor is gone: " + factorsLeft);

        String[] ended = click(By.id("end-all"));
        assertEquals("ok", ended[0], ended[1]);
        Http.Res refresh = useRefreshToken(victimLogin.json().getString("refresh_token"));
        assertEquals(400, refresh.status(), "the victim's session ended: " + refresh);

        new Select(driver.findElement(By.id("ban-duration"))).selectByValue("24h");
        String[] suspended = click(By.id("suspend"));
        assertEquals("ok", suspended[0], suspended[1]);
        assertFalse(adminGet("admin/users/" + id).isNull("banned_until"), "suspended");
        String[] restored = click(By.id("restore"));
        assertEquals("ok", restored[0], restored[1]);
        JsonObject restoredUser = adminGet("admin/users/" + id);
        assertTrue(
                !restoredUser.containsKey("banned_until") || restoredUser.isNull("banned_until"),
                "restored: " + restoredUser);

        driver.findElement(By.id("delete")).click();
        assertTrue(driver.findElement(By.id("delete-confirm")).isDisplayed(), "a confirmation step first");
        assertEquals(1, usersWithEmail(victim), "nothing deleted before the confirmation");
        String[] deleted = click(By.id("delete-yes"));
        assertEquals("ok", deleted[0], deleted[1]);
        assertEquals(0, usersWithEmail(victim), "deleted");
        awaitView("users");
    }

    @Test
    void anAdministratorInvitesCreatesReadsTheAuditLogManagesKeysAndMovesUsers() throws Exception {
        String admin = newAdmin();
        start();
        logIn(admin, PASSWORD);
        awaitView("users");

        String invited = uniqueEmail();
        type(By.cssSelector("#invite input[name=email]"), invited);
        String[] invitedOutcome = click(By.cssSelector("#invite button"));
        assertEquals("ok", invitedOutcome[0], invitedOutcome[1]);
        assertEquals("You have been invited", Mailbox.await(mail, invited, 1).subject());

        String created = uniqueEmail();
        type(By.cssSelector("#create input[name=email]"), created);
        type(By.cssSelector("#create input[name=password]"), PASSWORD);
        type(By.cssSelector("#create input[name=roles]"), "member");
        click(By.cssSelector("#create button[type=submit]"));
        awaitView("users/" + idOf(created));
        assertEquals(200, passwordLogin(browser(), created, PASSWORD).status(), "the created user logs in");

        driver.get(http.base + CONSOLE + "#/audit?action=user_invited");
        driver.navigate().refresh();
        logIn(admin, PASSWORD); // a reload asks for the password again (the token was in memory only), then goes on
        awaitView("audit");
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), invited));
        PageChecks.accessible(driver, "console audit");
        PageChecks.screenshot(driver, "console-audit");

        driver.findElement(By.linkText("Signing keys")).click();
        awaitView("keys");
        PageChecks.accessible(driver, "console keys");
        PageChecks.screenshot(driver, "console-keys");

        driver.findElement(By.linkText("Import and export")).click();
        awaitView("transfer");
        String[] exported = click(By.id("export"));
        assertEquals("ok", exported[0], exported[1]);
        assertTrue(driver.findElement(By.id("download-link")).isDisplayed());

        String imported = uniqueEmail();
        String alsoImported = uniqueEmail();
        Path good = Files.createTempFile("import", ".jsonl");
        Files.writeString(good, "{\"email\":\"" + imported + "\"}\n{\"email\":\"" + alsoImported + "\"}\n");
        driver.findElement(By.id("import-file")).sendKeys(good.toString());
        String[] importedOutcome = click(By.xpath("//button[normalize-space()='Import']"));
        assertEquals("ok", importedOutcome[0], importedOutcome[1]);
        assertTrue(importedOutcome[1].contains("Imported 2 users; 0 lines refused"), importedOutcome[1]);
        assertEquals(1, usersWithEmail(imported));

        // a batch with a refused line stores nothing of it: the report names every line and why
        String notImported = uniqueEmail();
        Path bad = Files.createTempFile("import", ".jsonl");
        Files.writeString(bad, "{\"email\":\"" + notImported + "\"}\n{\"email\":\"not an address\"}\n");
        driver.findElement(By.id("import-file")).clear();
        driver.findElement(By.id("import-file")).sendKeys(bad.toString());
        String[] refusedOutcome = click(By.xpath("//button[normalize-space()='Import']"));
        assertEquals("error", refusedOutcome[0], refusedOutcome[1]);
        assertEquals(
                3,
                driver.findElements(By.cssSelector("#import-report tr")).size(),
                "a header and a row for each refused line: "
                        + driver.findElement(By.id("import-report")).getText());
        assertEquals(0, usersWithEmail(notImported));
        PageChecks.accessible(driver, "console import and export");
        PageChecks.screenshot(driver, "console-transfer");
    }

    @Test
    void anAdministratorFindsAFailedNotificationAndRetriesIt() throws Exception {
        String admin = newAdmin();
        String email = uniqueEmail();
        String userId = newConfirmedUser(email); // its user_signedup fails: nobody listens on the receiver's port
        String delivery = awaitFailedNotificationOf(userId);
        start();
        logIn(admin, PASSWORD);
        awaitView("users");

        driver.findElement(By.linkText("Notifications")).click();
        awaitView("notifications");
        By retry = By.cssSelector("button[data-retry='" + delivery + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(retry));
        String row = driver.findElement(retry)
                .findElement(By.xpath("./ancestor::tr"))
                .getText();
        assertTrue(row.contains("user_signedup") && row.contains("http://127.0.0.1:9"), row);
        assertFalse(driver.getPageSource().contains("receiver-secret"), "never the receiver's path or query");
        PageChecks.accessible(driver, "console notifications");
        PageChecks.screenshot(driver, "console-notifications");

        String[] retried = click(retry);

        assertEquals("ok", retried[0], retried[1]);
        assertTrue(retried[1].contains("user_signedup"), retried[1]);
        String audit = browser()
                .get("api/it/audit?user=" + userId + "&action=notification_retried")
                .body();
        assertTrue(audit.contains("notification_retried " + admin), "audited with the administrator: " + audit);
    }

    /** The id of the user's failed notification, once the one try has failed (at most 30 s). */
    private String awaitFailedNotificationOf(String userId) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            Http.Res r = browser().get(ID + "admin/notifications?state=failed", "Authorization", OPERATOR);
            for (jakarta.json.JsonValue v : r.jsonArray()) {
                if (userId.equals(v.asJsonObject().getString("user_id", ""))) {
                    return v.asJsonObject().getString("id");
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the user's notification never failed");
    }
}
