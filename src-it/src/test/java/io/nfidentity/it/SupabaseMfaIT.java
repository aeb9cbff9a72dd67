package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Supabase's own browser client, {@code @supabase/auth-js} 2.119.2 from npm, unchanged, in headless Chromium, against
 * nf-identity's second-factor API on the sample's {@code mfa.html}: {@code mfa.enroll}, {@code mfa.challenge} and
 * {@code mfa.verify} with a code from {@code oathtool}, {@code mfa.getAuthenticatorAssuranceLevel},
 * {@code mfa.listFactors}, a {@code @RequiresFactor} resource with the client's session, {@code mfa.unenroll}; its
 * {@code signInWithPassword} and {@code refreshSession} post JSON to {@code /token}, which nf-identity reads as
 * Supabase's server does.
 */
class SupabaseMfaIT extends SampleTestBase {
    private WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private JsonObject click(String action) {
        String before = String.valueOf(driver.findElement(By.id("out")).getAttribute("data-done"));
        driver.findElement(By.id(action)).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String done = d.findElement(By.id("out")).getAttribute("data-done");
            return done != null && !done.equals(before) && done.startsWith(action + ":");
        });
        JsonObject result = Json.createReader(
                        new StringReader(driver.findElement(By.id("out")).getText()))
                .readObject();
        assertTrue(result.getBoolean("ok"), action + " failed in the browser: " + result);
        return result.getJsonObject("result");
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }

    @Test
    void supabasesClientEnrolsVerifiesReadsTheLevelAndUnenrolsUnchanged() throws Exception {
        String email = signUpViaApi();
        String secretCheck = FactorsIT.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"); // skips without oathtool
        assertEquals(6, secretCheck.length());
        driver = Chromium.start(http);
        driver.get(http.base + "mfa.html");
        PageChecks.accessible(driver, "the second-factor page");
        type("email", email);
        type("password", PASSWORD);
        JsonObject login = click("login");
        assertEquals(email, login.getString("email"), login.toString());
        assertEquals("aal1", login.getString("aal"));
        JsonObject before = click("level");
        assertEquals("aal1", before.getString("currentLevel"), before.toString());
        assertEquals("aal1", before.getString("nextLevel"), "no factor yet: " + before);

        JsonObject enrolled = click("enroll");
        assertTrue(
                enrolled.getString("qr").startsWith("data:image/svg+xml;utf-8,<svg"),
                "the client made the server's SVG a data URI, once: " + enrolled);
        assertTrue(enrolled.getString("uri").startsWith("otpauth://totp/"), enrolled.toString());
        type("factor", enrolled.getString("id"));
        type("code", FactorsIT.code(enrolled.getString("secret")));
        assertEquals("aal2", click("verify").getString("aal"));

        JsonObject after = click("level");
        assertEquals("aal2", after.getString("currentLevel"), after.toString());
        assertEquals("aal2", after.getString("nextLevel"), after.toString());
        assertEquals(
                "totp",
                after.getJsonArray("currentAuthenticationMethods")
                        .getJsonObject(0)
                        .getString("method"));
        JsonObject factors = click("factors");
        assertEquals(1, factors.getJsonArray("totp").size(), factors.toString());
        assertEquals("verified", factors.getJsonArray("totp").getJsonObject(0).getString("status"));
        JsonObject area = click("area");
        assertEquals(200, area.getInt("status"), "the @RequiresFactor resource lets the client in: " + area);

        click("unenroll");
        assertEquals(
                "aal1",
                click("refresh").getString("aal"),
                "the level-2 token died with its factor; the refreshed session is level 1");
        assertEquals(0, click("factors").getJsonArray("totp").size(), "the factor is gone");
    }
}
