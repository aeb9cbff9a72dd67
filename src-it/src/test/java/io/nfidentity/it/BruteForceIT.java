package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;

/**
 * Password guessing: the per-account allowance holds under any concurrency (each attempt is reserved before the
 * hash), and the limit cannot be turned into a lockout of the owner: a browser that logged in to the account before
 * carries a device cookie and is limited on its own. The hourly cap is set to the allowance here (5), so a refused
 * attempt stays refused for the rest of the hour and nothing depends on timing.
 */
class BruteForceIT extends HttpTestBase {
    static final int ALLOWED = 5;

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.limits.account.free", Integer.toString(ALLOWED),
                "nf.identity.limits.account.per-hour", Integer.toString(ALLOWED)));
    }

    @Test
    void twoHundredParallelGuessesReachThePasswordCheckNoMoreThanTheAllowance() throws Exception {
        String victim = signUpViaApi();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Http.Res>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String guess = "guess-" + i;
                answers.add(pool.submit(() -> passwordLogin(browser(), victim, guess)));
            }
            int checked = 0;
            int refused = 0;
            for (Future<Http.Res> a : answers) {
                Http.Res r = a.get();
                if (r.status() == 400) {
                    checked++;
                } else {
                    assertEquals(429, r.status(), "a guess is either checked (400) or refused (429): " + r);
                    assertTrue(r.header("Retry-After").isPresent(), r.toString());
                    refused++;
                }
            }
            assertEquals(ALLOWED, checked, "exactly the allowance reached the password check; refused " + refused);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                429, passwordLogin(browser(), victim, PASSWORD).status(), "a stranger waits, right password or not");
    }

    @Test
    void theOwnerOnABrowserUsedBeforeGetsInWhileAGuesserHoldsTheAccountAtItsCap() {
        String victim = signUpViaApi();
        Http owners = browser();
        Http.Res first = passwordLogin(owners, victim, PASSWORD);
        assertEquals(200, first.status(), first.toString());
        assertTrue(first.setCookie("nf_device").orElse("").contains("HttpOnly"), "a device cookie: " + first);
        Http ownersFacade = browser();
        logIn(ownersFacade, victim, PASSWORD); // the facade's login marks its browser too

        for (int i = 0; i <= ALLOWED; i++) {
            passwordLogin(
                    browser(),
                    victim,
                    "one wrong guess " + i); // from anywhere, the guesser fills the account's counter
        }
        assertEquals(
                429, passwordLogin(browser(), victim, PASSWORD).status(), "the account is at its cap for strangers");

        Http.Res owner = passwordLogin(owners, victim, PASSWORD);
        assertEquals(200, owner.status(), "the owner's own browser is not locked out: " + owner);
        assertEquals(
                302,
                ownersFacade
                        .postJson("api/login", credentials(victim, PASSWORD))
                        .status(),
                "nor via the facade");
    }

    @Test
    void aDeviceCookieCountsForItsOwnAccountOnlyAndIsLimitedOnItsOwn() {
        String guesser = signUpViaApi();
        String victim = signUpViaApi();
        Http attacker = browser();
        assertEquals(
                200, passwordLogin(attacker, guesser, PASSWORD).status(), "the attacker's own account gives a cookie");
        for (int i = 0; i <= ALLOWED; i++) {
            passwordLogin(browser(), victim, "guess " + i);
        }

        assertEquals(
                429,
                passwordLogin(attacker, victim, "another guess").status(),
                "a cookie of another account counts nothing");
        for (int i = 0; i < ALLOWED; i++) {
            assertEquals(
                    400,
                    passwordLogin(attacker, guesser, "oops " + i).status(),
                    "its own allowance, on its own account");
        }
        assertEquals(
                429, passwordLogin(attacker, guesser, PASSWORD).status(), "a device is limited like a stranger is");
    }
}
