package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Netlify's own browser client, {@code @netlify/identity} 2.0.0 from npm, unchanged, in headless Chromium, against the
 * sample on WildFly: sign up, log in, read the user, update {@code user_metadata}, call a {@code @RolesAllowed}
 * endpoint with the cookie the client set, log out. Runs where Debian's chromium and chromium-driver are installed
 * ({@code .ci/run} installs them) and the build bundled the client (it does where npm is installed).
 */
class BrowserClientIT extends SampleTestBase {
    private WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private WebDriver start() throws Exception {
        return Chromium.start(http);
    }

    /** Clicks a button of client.html and returns the JSON the page wrote for that action, which must have worked. */
    private JsonObject click(String action) {
        JsonObject result = clickAnyway(action);
        assertTrue(result.getBoolean("ok"), action + " failed in the browser: " + result);
        return result;
    }

    /** Clicks a button of client.html and returns the JSON the page wrote for that action, success or failure. */
    private JsonObject clickAnyway(String action) {
        String before = String.valueOf(driver.findElement(By.id("out")).getAttribute("data-done"));
        driver.findElement(By.id(action)).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String done = d.findElement(By.id("out")).getAttribute("data-done");
            return done != null && !done.equals(before) && done.startsWith(action + ":");
        });
        String text = driver.findElement(By.id("out")).getText();
        return Json.createReader(new StringReader(text)).readObject();
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }

    @Test
    void netlifyClientWorksUnchangedFromSignupToLogout() throws Exception {
        driver = start();
        driver.get(http.base + "client.html");
        String email = uniqueEmail();
        type("email", email);
        type("password", PASSWORD);

        JsonObject signup = click("signup");
        assertEquals(email, signup.getJsonObject("result").getString("email"), signup.toString());

        JsonObject login = click("login");
        assertTrue(
                login.getJsonObject("result").getJsonArray("roles").toString().contains("member"),
                "the role from the UserSignup observer reaches the client: " + login);
        Cookie jwt = driver.manage().getCookieNamed("nf_jwt");
        Cookie refresh = driver.manage().getCookieNamed("nf_refresh");
        assertNotNull(jwt, "the client set nf_jwt");
        assertNotNull(refresh, "the client set nf_refresh");
        assertEquals("/", jwt.getPath());
        assertTrue(jwt.isSecure(), "Secure");
        assertEquals("Lax", jwt.getSameSite());
        assertFalse(jwt.isHttpOnly(), "nf_jwt readable by the client");

        assertEquals(email, click("whoami").getJsonObject("result").getString("email"));

        type("name", "Ada From Browser");
        JsonObject renamed = click("rename");
        assertEquals("Ada From Browser", renamed.getJsonObject("result").getString("name"), renamed.toString());

        JsonObject member = click("member");
        assertEquals(
                200,
                member.getJsonObject("result").getInt("status"),
                "a @RolesAllowed(\"member\") endpoint accepts the client's cookie: " + member);
        assertEquals(email, member.getJsonObject("result").getJsonObject("body").getString("welcome"));

        click("logout");
        assertNull(driver.manage().getCookieNamed("nf_jwt"), "logout clears nf_jwt");
        assertNull(driver.manage().getCookieNamed("nf_refresh"), "logout clears nf_refresh");
        assertTrue(
                click("whoami").isNull("result") || click("whoami").get("result") == null,
                "logged out in the client too");
    }

    /** A user created with GoTrue's {@code "role":"admin"} (not in {@code app_metadata.roles}), as GoTrue admins are. */
    private String createWithRole(String role) {
        String email = uniqueEmail();
        Http.Res r = browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"confirm\":true"
                                + (role == null ? "" : ",\"role\":\"" + role + "\"") + "}",
                        "Authorization",
                        OPERATOR);
        assertEquals(200, r.status(), r.toString());
        return email;
    }

    @Test
    void gotrueJsAdminListUsersWorksForAUserWhoseGoTrueRoleIsAdmin() throws Exception {
        String admin = createWithRole("admin");
        String plain = createWithRole(null);
        driver = start();
        driver.get(http.base + "client.html");

        type("email", admin);
        type("password", PASSWORD);
        JsonObject list = click("adminList").getJsonObject("result");
        assertTrue(list.getInt("count") >= 2, list.toString());
        assertTrue(list.getJsonArray("emails").toString().contains(admin), "the first page is newest first: " + list);

        type("email", plain);
        JsonObject refused = clickAnyway("adminList");
        assertFalse(refused.getBoolean("ok"), "a user without the role lists nothing: " + refused);
        assertEquals(401, refused.getInt("status"), refused.toString());
    }
}
