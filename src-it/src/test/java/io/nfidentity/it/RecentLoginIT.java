package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * The opt-in of ASVS 3.7.1 ({@code nf.identity.reauthentication-window}): the password and the email change only from
 * a session authenticated within the window, so a session stolen hours after its login cannot take the account over.
 * Tokens then carry {@code auth_time}, the login's time, through every refresh.
 */
class RecentLoginIT extends HttpTestBase {
    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of("nf.identity.reauthentication-window", "300"));
    }

    private static long authTime(String jwt) {
        return Json.createReader(new StringReader(Jwts.decodePayload(jwt)))
                .readObject()
                .getJsonNumber("auth_time")
                .longValue();
    }

    private Http.Res putUser(String accessToken, String json) {
        return browser().send("PUT", ID + "user", json, "Authorization", "Bearer " + accessToken);
    }

    @Test
    void aFreshLoginMayChangeThePasswordAndItsRefreshesKeepTheLoginsTime() {
        String email = signUpViaApi();
        Http.Res login = passwordLogin(browser(), email, PASSWORD);
        String access = login.json().getString("access_token");
        Http.Res refreshed = browser()
                .postRaw(
                        ID + "token",
                        "grant_type=refresh_token&refresh_token=" + login.json().getString("refresh_token"),
                        "Content-Type",
                        "application/x-www-form-urlencoded");

        assertEquals(authTime(access), authTime(refreshed.json().getString("access_token")), "a refresh is no login");
        Http.Res changed = putUser(access, "{\"password\":\"a fresh new password\"}");
        assertEquals(200, changed.status(), changed.toString());
    }

    @Test
    void aSessionAuthenticatedLongAgoMustLogInAgainToChangeThePasswordOrEmail() {
        String email = signUpViaApi();
        String sub = browser()
                .send("GET", ID + "user", null, "Authorization", "Bearer " + accessToken(email, PASSWORD))
                .json()
                .getString("id");
        // a genuine token of a session that logged in two hours ago and has been refreshed since
        String old = Jwts.hs256(
                "{\"sub\":\"" + sub + "\",\"exp\":"
                        + Instant.now().plusSeconds(600).getEpochSecond()
                        + ",\"email\":\"" + email + "\",\"app_metadata\":{\"provider\":\"email\"},\"user_metadata\":{},"
                        + "\"auth_time\":" + Instant.now().minusSeconds(7200).getEpochSecond() + "}",
                Jwts.SECRET);

        Http.Res password = putUser(old, "{\"password\":\"the thief's password\"}");
        assertEquals(401, password.status(), password.toString());
        assertEquals("reauthentication_needed", password.json().getString("error_code"), password.toString());
        Http.Res address = putUser(old, "{\"email\":\"" + uniqueEmail() + "\"}");
        assertEquals(401, address.status(), "the email too: " + address);
        assertEquals(
                200, putUser(old, "{\"data\":{\"nickname\":\"x\"}}").status(), "other profile changes need nothing");
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status(), "the password is unchanged");
    }
}
