package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * Second factors (TOTP and recovery codes) through Supabase's API shape, with every code computed by Debian's
 * {@code oathtool}, an implementation that is not ours. The attacks: a replayed code, a wrong one, a challenge of
 * another session, another user's factor, guessing until the limiter answers, a thief of a level-1 session adding or
 * removing factors, a level-2 token kept after its factor was removed, an administrator's level-1 token while
 * {@code nf.identity.mfa.required-for-roles} names the admin role; and a factor moved by export and import.
 */
class FactorsIT extends HttpTestBase {
    /** The sample, with the admin role carried by level-2 tokens only. */
    @org.jboss.arquillian.container.test.api.Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(java.util.Map.of(
                "nf.identity.mfa.required-for-roles",
                "admin",
                "nf.identity.console.enabled",
                "true",
                "nf.identity.export.password-hashes",
                "true"));
    }

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension mail = new com.icegreen.greenmail.junit5.GreenMailExtension(
                    com.icegreen.greenmail.util.ServerSetupTest.SMTP)
            .withPerMethodLifecycle(false);

    /** Whether Debian's oathtool is here; asked once, by whichever test class needs a code first. */
    private static final boolean OATHTOOL = findOathtool();

    private static boolean findOathtool() {
        try {
            return new ProcessBuilder("oathtool", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** The current code of a base32 secret, as an authenticator app shows it. */
    static String code(String secret) {
        return oathtool(secret, null);
    }

    /** The code of the next 30-second step (an app whose clock runs a little ahead). */
    static String nextCode(String secret) {
        return oathtool(secret, "@" + (System.currentTimeMillis() / 1000 + 30));
    }

    private static String oathtool(String secret, String now) {
        assumeTrue(OATHTOOL, "oathtool is not installed (Debian package oathtool): the TOTP tests need it");
        try {
            ProcessBuilder pb = now == null
                    ? new ProcessBuilder("oathtool", "--totp", "-b", secret)
                    : new ProcessBuilder("oathtool", "--totp", "-b", "--now=" + now, secret);
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "oathtool: " + out);
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Http.Res call(String method, String path, String json, String access) {
        return browser().send(method, ID + path, json, "Authorization", "Bearer " + access);
    }

    private static JsonObject claims(String jwt) {
        return Json.createReader(new StringReader(Jwts.decodePayload(jwt))).readObject();
    }

    /** A user just logged in: the access token of that login. */
    private String loggedInUser() {
        String email = signUpViaApi();
        return accessToken(email, PASSWORD);
    }

    private record Enrolled(String id, String secret) {}

    private Enrolled enroll(String access, String name) {
        Http.Res r = call("POST", "factors", "{\"factor_type\":\"totp\",\"friendly_name\":\"" + name + "\"}", access);
        assertEquals(200, r.status(), r.toString());
        return new Enrolled(
                r.json().getString("id"), r.json().getJsonObject("totp").getString("secret"));
    }

    private String challenge(String access, String factor) {
        Http.Res r = call("POST", "factors/" + factor + "/challenge", null, access);
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("id");
    }

    private Http.Res verify(String access, String factor, String challenge, String code) {
        return call(
                "POST",
                "factors/" + factor + "/verify",
                "{\"challenge_id\":\"" + challenge + "\",\"code\":\"" + code + "\"}",
                access);
    }

    /** Enrols and verifies a factor: the level-2 answer. */
    private Http.Res stepUp(String access, Enrolled f) {
        Http.Res r = verify(access, f.id(), challenge(access, f.id()), code(f.secret()));
        assertEquals(200, r.status(), r.toString());
        return r;
    }

    @Test
    void anAuthenticatorCodeStepsTheSessionUpToLevelTwoWhichARefreshKeepsAndANewLoginDoesNot() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        assertEquals("aal1", claims(access).getString("aal"), "a password login is level 1");
        assertEquals(
                "password", claims(access).getJsonArray("amr").getJsonObject(0).getString("method"));

        Http.Res enrolled = call("POST", "factors", "{\"factor_type\":\"totp\",\"friendly_name\":\"phone\"}", access);
        assertEquals(200, enrolled.status(), enrolled.toString());
        JsonObject totp = enrolled.json().getJsonObject("totp");
        assertTrue(totp.getString("uri").startsWith("otpauth://totp/"), enrolled.toString());
        assertTrue(totp.getString("uri").contains("secret=" + totp.getString("secret")));
        assertTrue(totp.getString("qr_code").startsWith("<svg"), "the QR code as SVG, as Supabase answers it");
        Enrolled f = new Enrolled(enrolled.json().getString("id"), totp.getString("secret"));
        String stored =
                browser().get("api/it/factor-secrets?email=" + email).body().trim();
        assertTrue(!stored.isEmpty() && !stored.contains(f.secret()), "the secret is sealed at rest: " + stored);
        assertEquals(
                "unverified",
                userOf(access).getJsonArray("factors").getJsonObject(0).getString("status"));

        Http.Res verified = stepUp(access, f);
        JsonObject body = verified.json();
        assertEquals("aal2", claims(body.getString("access_token")).getString("aal"), verified.toString());
        assertEquals(
                "totp",
                claims(body.getString("access_token"))
                        .getJsonArray("amr")
                        .getJsonObject(0)
                        .getString("method"));
        assertEquals(10, body.getJsonArray("recovery_codes").size(), "recovery codes, shown this once");
        assertEquals(
                "verified",
                body.getJsonObject("user")
                        .getJsonArray("factors")
                        .getJsonObject(0)
                        .getString("status"));

        assertEquals(
                "A second factor was added to your account",
                Mailbox.await(mail, email, 1).subject(),
                "the owner hears of a new factor, whoever added it");
        assertTrue(
                browser().get("api/it/events?email=" + email).body().contains("SYNC1:UserModified:" + email),
                "the factor's addition fired UserModified");

        Http.Res refreshed = useRefreshToken(body.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(
                "aal2",
                claims(refreshed.json().getString("access_token")).getString("aal"),
                "a refresh keeps the level");
        assertEquals(
                "aal1",
                claims(accessToken(email, PASSWORD)).getString("aal"),
                "a password login of a user with a factor is level 1: the client steps up");
    }

    @Test
    void aReplayedCodeAWrongCodeAndAnotherSessionsChallengeAreRefused() {
        String access = loggedInUser();
        Enrolled f = enroll(access, "phone");
        String first = challenge(access, f.id());
        String code = code(f.secret());
        assertEquals(200, verify(access, f.id(), first, code).status());

        String again = challenge(access, f.id());
        Http.Res replay = verify(access, f.id(), again, code);
        assertEquals(422, replay.status(), "a code is good once: " + replay);
        assertEquals("mfa_verification_failed", replay.json().getString("error_code"));
        Http.Res spent = verify(access, f.id(), first, nextCode(f.secret()));
        assertEquals(422, spent.status(), "a challenge is good once: " + spent);
        assertEquals("mfa_challenge_expired", spent.json().getString("error_code"));
        Http.Res wrong = verify(access, f.id(), again, "000000".equals(code) ? "111111" : "000000");
        assertEquals(422, wrong.status(), wrong.toString());

        String otherSession = accessToken(userOf(access).getString("email"), PASSWORD);
        Http.Res foreign = verify(otherSession, f.id(), again, nextCode(f.secret()));
        assertEquals(404, foreign.status(), "a challenge of another session does not count: " + foreign);
        assertEquals("mfa_challenge_not_found", foreign.json().getString("error_code"));
    }

    @Test
    void aNewChallengeReplacesTheSessionsEarlierUnansweredOne() {
        String access = loggedInUser();
        Enrolled f = enroll(access, "phone");
        String earlier = challenge(access, f.id());
        String later = challenge(access, f.id()); // a loop of these cannot grow the table: one lives per session
        Http.Res replaced = verify(access, f.id(), earlier, code(f.secret()));
        assertEquals(404, replaced.status(), replaced.toString());
        assertEquals("mfa_challenge_not_found", replaced.json().getString("error_code"));
        assertEquals(200, verify(access, f.id(), later, code(f.secret())).status());
    }

    @Test
    void anotherUsersFactorIsUnknownToEveryCall() {
        String victim = loggedInUser();
        Enrolled f = enroll(victim, "phone");
        String attacker = loggedInUser();
        Http.Res challenge = call("POST", "factors/" + f.id() + "/challenge", null, attacker);
        assertEquals(404, challenge.status(), challenge.toString());
        assertEquals("mfa_factor_not_found", challenge.json().getString("error_code"));
        Http.Res delete = call("DELETE", "factors/" + f.id(), null, attacker);
        assertEquals(404, delete.status(), delete.toString());
        assertEquals(1, userOf(victim).getJsonArray("factors").size(), "the victim's factor is still there");
        Http.Res bad = call("POST", "factors/not-a-uuid/challenge", null, attacker);
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("Factor id must be a UUID", bad.json().getString("msg"));
        Http.Res badChallenge = verify(victim, f.id(), "1-1-1-1-1", "123456");
        assertEquals(400, badChallenge.status(), badChallenge.toString());
        assertEquals("challenge_id must be a UUID", badChallenge.json().getString("msg"));
    }

    @Test
    void guessingCodesMeetsTheLimiterLongBeforeItCouldSucceed() {
        String access = loggedInUser();
        Enrolled f = enroll(access, "phone");
        String valid = code(f.secret());
        int status = 0;
        int attempts = 0;
        while (status != 429 && attempts < 30) {
            String guess = String.format("%06d", attempts);
            if (guess.equals(valid)) {
                guess = "999999";
            }
            status = verify(access, f.id(), challenge(access, f.id()), guess).status();
            attempts++;
        }
        assertEquals(429, status, "the limiter answered within 30 guesses");
        Http.Res refused = verify(access, f.id(), challenge(access, f.id()), nextCode(f.secret()));
        assertEquals(429, refused.status(), "even the right code waits now: " + refused);
        assertEquals("aal1", claims(access).getString("aal"));
    }

    @Test
    void aRecoveryCodeStepsUpOnceAndOnlyOnce() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        Enrolled f = enroll(access, "phone");
        String recovery =
                stepUp(access, f).json().getJsonArray("recovery_codes").getString(0);

        String later = accessToken(email, PASSWORD); // the phone is lost: a new login, level 1
        Http.Res used = verify(later, f.id(), challenge(later, f.id()), recovery.toUpperCase());
        assertEquals(200, used.status(), used.toString());
        JsonObject c = claims(used.json().getString("access_token"));
        assertEquals("aal2", c.getString("aal"));
        assertEquals("recovery", c.getJsonArray("amr").getJsonObject(0).getString("method"));

        assertEquals(
                "A recovery code was used on your account",
                Mailbox.await(mail, email, 2).subject(),
                "after the notice of the factor's addition");
        String id = userOf(later).getString("id");
        Http.Res audit =
                browser().get(ID + "admin/audit?action=recovery_code_used&user=" + id, "Authorization", OPERATOR);
        assertTrue(audit.body().contains("recovery_code_used"), audit.toString());

        String third = accessToken(email, PASSWORD);
        Http.Res again = verify(third, f.id(), challenge(third, f.id()), recovery);
        assertEquals(422, again.status(), "a recovery code is good once: " + again);
    }

    @Test
    void aLevelOneSessionCannotAddRemoveOrRenewOnceAFactorIsVerified() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        Enrolled f = enroll(access, "phone");
        stepUp(access, f);

        String levelOne = accessToken(email, PASSWORD);
        Http.Res add = call("POST", "factors", "{\"factor_type\":\"totp\",\"friendly_name\":\"thief\"}", levelOne);
        assertEquals(403, add.status(), add.toString());
        assertEquals("insufficient_aal", add.json().getString("error_code"));
        Http.Res remove = call("DELETE", "factors/" + f.id(), null, levelOne);
        assertEquals(403, remove.status(), remove.toString());
        Http.Res codes = call("POST", "factors/recovery-codes", null, levelOne);
        assertEquals(403, codes.status(), codes.toString());
        assertEquals(1, userOf(levelOne).getJsonArray("factors").size(), "nothing changed");
    }

    @Test
    void theFirstFactorNeedsARecentLogin() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        Http.Res aged = browser().send("POST", "api/it/sessions/age?email=" + email + "&minutes=6", null);
        assertTrue(Long.parseLong(aged.body().trim()) >= 1, aged.toString());
        Http.Res refused = call("POST", "factors", "{\"factor_type\":\"totp\"}", access);
        assertEquals(401, refused.status(), "a stolen old session cannot add the thief's authenticator: " + refused);
        assertEquals("reauthentication_needed", refused.json().getString("error_code"));
        Http.Res badType = call("POST", "factors", "{\"factor_type\":\"sms\"}", accessToken(email, PASSWORD));
        assertEquals(422, badType.status(), badType.toString());
        assertTrue(!userOf(access).containsKey("factors"), "nothing was enrolled");
    }

    @Test
    void removingAVerifiedFactorRefusesLevelTwoTokensAndRefreshesComeBackAtLevelOne() {
        String access = loggedInUser();
        Enrolled f = enroll(access, "phone");
        JsonObject up = stepUp(access, f).json();
        String levelTwo = up.getString("access_token");

        Http.Res removed = call("DELETE", "factors/" + f.id(), null, levelTwo);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(f.id(), removed.json().getString("id"));
        assertEquals(
                401,
                browser()
                        .get(ID + "user", "Authorization", "Bearer " + levelTwo)
                        .status(),
                "the level-2 token is refused at once");
        Http.Res refreshed = useRefreshToken(up.getString("refresh_token"));
        assertEquals(200, refreshed.status(), "the session lives on: " + refreshed);
        assertEquals("aal1", claims(refreshed.json().getString("access_token")).getString("aal"));
    }

    @Test
    void anAdministratorListsAndRemovesALostFactorAndTheAuditLogSaysWho() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        Enrolled f = enroll(access, "phone");
        stepUp(access, f);
        String id = userOf(access).getString("id");

        Http.Res listed = browser().get(ID + "admin/users/" + id + "/factors", "Authorization", OPERATOR);
        assertEquals(200, listed.status(), listed.toString());
        assertTrue(listed.body().contains("\"status\":\"verified\""), listed.toString());
        Http.Res removed = browser()
                .send("DELETE", ID + "admin/users/" + id + "/factors/" + f.id(), null, "Authorization", OPERATOR);
        assertEquals(200, removed.status(), removed.toString());
        Http.Res gone = browser()
                .send("DELETE", ID + "admin/users/" + id + "/factors/" + f.id(), null, "Authorization", OPERATOR);
        assertEquals(404, gone.status(), gone.toString());
        assertNotEquals(true, userOf(accessToken(email, PASSWORD)).containsKey("factors"));
        assertEquals(
                "A second factor was removed from your account",
                Mailbox.await(mail, email, 2).subject(),
                "the owner hears of the removal");
        Http.Res audit = browser().get(ID + "admin/audit?action=factor_removed&user=" + id, "Authorization", OPERATOR);
        assertEquals(200, audit.status(), audit.toString());
        assertTrue(audit.body().contains("\"by\":\"admin\""), audit.toString());
    }

    @Test
    void requiresFactorAnswersInsufficientAalAtLevelOneAndLetsLevelTwoIn() {
        String access = loggedInUser();
        Http.Res levelOne = browser().get("api/factor-area", "Authorization", "Bearer " + access);
        assertEquals(403, levelOne.status(), levelOne.toString());
        assertTrue(levelOne.body().contains("insufficient_aal"), levelOne.toString());
        String levelTwo = stepUp(access, enroll(access, "phone")).json().getString("access_token");
        Http.Res in = browser().get("api/factor-area", "Authorization", "Bearer " + levelTwo);
        assertEquals(200, in.status(), in.toString());
        assertTrue(in.body().contains("\"aal\":\"aal2\""), in.toString());
    }

    @Test
    void aRoleRequiredAtLevelTwoIsLeftOutOfLevelOneTokensAndTheAdminApiAsksForTheSecondFactor() {
        String admin = newAdmin();
        String levelOne = accessToken(admin, PASSWORD);
        JsonObject app = claims(levelOne).getJsonObject("app_metadata");
        assertTrue(
                !app.containsKey("roles")
                        || !app.getJsonArray("roles").toString().contains("admin"),
                "a level-1 token does not carry the admin role: " + app);
        Http.Res refused = browser().get(ID + "admin/users", "Authorization", "Bearer " + levelOne);
        assertEquals(403, refused.status(), "the admin API asks for level 2: " + refused);
        assertEquals("insufficient_aal", refused.json().getString("error_code"));

        String levelTwo = stepUp(levelOne, enroll(levelOne, "phone")).json().getString("access_token");
        assertTrue(
                claims(levelTwo)
                        .getJsonObject("app_metadata")
                        .getJsonArray("roles")
                        .toString()
                        .contains("admin"),
                "a level-2 token carries it");
        Http.Res allowed = browser().get(ID + "admin/users", "Authorization", "Bearer " + levelTwo);
        assertEquals(200, allowed.status(), allowed.toString());
        assertEquals(
                200,
                browser().get(ID + "admin/users", "Authorization", OPERATOR).status(),
                "the operator token is no session: it passes");
    }

    @Test
    void theConsoleAsksAnAdministratorForACodeBeforeItShowsAnything() throws Exception {
        String admin = newAdmin();
        String access = accessToken(admin, PASSWORD);
        Enrolled f = enroll(access, "phone");
        stepUp(access, f);
        org.openqa.selenium.WebDriver driver = Chromium.start(http);
        try {
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20));
            driver.get(http.base + ID + "console/");
            PageChecks.type(wait, org.openqa.selenium.By.name("email"), admin);
            PageChecks.type(wait, org.openqa.selenium.By.name("password"), PASSWORD);
            driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]"))
                    .click();
            PageChecks.type(wait, org.openqa.selenium.By.id("step-up-code"), nextCode(f.secret()));
            assertTrue(
                    driver.findElements(org.openqa.selenium.By.id("nav")).get(0).getAttribute("hidden") != null,
                    "nothing of the console before the code");
            String[] in = PageChecks.click(
                    driver, wait, org.openqa.selenium.By.cssSelector("#step-up-form button[type=submit]"));
            assertEquals("ok", in[0], in[1]);
            wait.until(d -> "users"
                    .equals(d.findElement(org.openqa.selenium.By.id("main")).getAttribute("data-view")));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aFactorTravelsOnlyWithTheHashesAndAnImportedOneVerifiesTheSameAuthenticator() {
        String email = signUpViaApi();
        String access = accessToken(email, PASSWORD);
        Enrolled f = enroll(access, "phone");
        stepUp(access, f);
        String id = userOf(access).getString("id");
        String export = ID + "admin/users/export";

        String plain =
                browser().send("GET", export, null, "Authorization", OPERATOR).body();
        String plainLine =
                plain.lines().filter(l -> l.contains(email)).findFirst().orElseThrow();
        assertTrue(
                !plainLine.contains("factors") && !plainLine.contains(f.secret()), "not without hashes: " + plainLine);
        Http.Res withHashes = browser().send("GET", export + "?password_hashes=true", null, "Authorization", OPERATOR);
        assertEquals(200, withHashes.status(), withHashes.toString());
        String line = withHashes
                .body()
                .lines()
                .filter(l -> l.contains(email))
                .findFirst()
                .orElseThrow();
        JsonObject exported = Json.createReader(new StringReader(line)).readObject();
        assertEquals(
                f.secret(), exported.getJsonArray("factors").getJsonObject(0).getString("secret"), line);

        assertEquals(
                200,
                browser()
                        .send("DELETE", ID + "admin/users/" + id, null, "Authorization", OPERATOR)
                        .status());
        Http.Res bad = browser()
                .postRaw(
                        ID + "admin/users/import",
                        line.replace(f.secret(), "not base32!"),
                        "Content-Type",
                        "application/x-ndjson",
                        "Authorization",
                        OPERATOR);
        assertTrue(bad.body().contains("base32"), "a bad secret is refused with its reason: " + bad);
        Http.Res imported = browser()
                .postRaw(
                        ID + "admin/users/import",
                        line,
                        "Content-Type",
                        "application/x-ndjson",
                        "Authorization",
                        OPERATOR);
        assertEquals(1, imported.json().getJsonNumber("imported").longValue(), imported.toString());

        String moved = accessToken(email, PASSWORD);
        JsonObject factor = userOf(moved).getJsonArray("factors").getJsonObject(0);
        assertEquals("verified", factor.getString("status"));
        Http.Res up =
                verify(moved, factor.getString("id"), challenge(moved, factor.getString("id")), nextCode(f.secret()));
        assertEquals(200, up.status(), "the same authenticator works after the move: " + up);
        assertEquals("aal2", claims(up.json().getString("access_token")).getString("aal"));
    }
}
