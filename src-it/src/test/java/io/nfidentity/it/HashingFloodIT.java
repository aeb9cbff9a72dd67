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
 * A flood of logins cannot pin the server's request threads on the password hash: with one hashing slot and a short
 * wait for it, requests that find it busy get a quick, clear 503 with {@code Retry-After}, and the server serves
 * normally once the flood is over.
 */
class HashingFloodIT extends HttpTestBase {

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.sample(Map.of(
                "nf.identity.password.max-concurrent-hashes", "1",
                "nf.identity.password.hash-wait-ms", "10",
                // a hash that takes a while, as production's does
                "nf.identity.argon2.memory-kib", "32768",
                "nf.identity.argon2.iterations", "3"));
    }

    private Http.Res login(String email, String password) {
        return browser()
                .postRaw(
                        ID + "token",
                        passwordGrant(email, password),
                        "Content-Type",
                        "application/x-www-form-urlencoded");
    }

    @Test
    void requestsThatFindEveryHashingSlotBusyGetA503InsteadOfWaitingForever() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Http.Res>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> login(uniqueEmail(), "any password at all")));
            }
            int busy = 0;
            for (Future<Http.Res> a : answers) {
                Http.Res r = a.get();
                if (r.status() == 503) {
                    busy++;
                    assertEquals("server_busy", r.json().getString("error_code"), r.toString());
                    assertTrue(r.header("Retry-After").isPresent(), r.toString());
                    assertTrue(!r.body().contains("Exception"), "no stack trace: " + r);
                } else {
                    assertEquals(400, r.status(), "an unknown user is an ordinary invalid_grant: " + r);
                }
            }
            assertTrue(
                    busy > 0, "64 logins at once against one slot and a 10 ms wait: some must have been turned away");
        } finally {
            pool.shutdownNow();
        }
        String email = uniqueEmail();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(email, PASSWORD))
                        .status());
        assertEquals(200, login(email, PASSWORD).status(), "after the flood the server logs users in as ever");
    }
    /**
     * A 503 says nothing about the password: it must neither count as a guess nor wipe the guesses counted before
     * (it did wipe them, so a guesser who kept the server busy guessed without delay).
     */
    @Test
    void aBusyAnswerDoesNotForgetTheAccountsFailedLogins() throws Exception {
        String email = uniqueEmail();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(email, PASSWORD))
                        .status());
        String counter = "api/it/rate-limits?key=login:account:" + email.toLowerCase(java.util.Locale.ROOT);
        assertEquals(400, login(email, "a wrong guess").status());
        assertEquals("1", browser().get(counter).body().trim(), "the guess is counted");

        ExecutorService pool = Executors.newFixedThreadPool(17);
        try {
            boolean busy = false;
            for (int round = 0; round < 4 && !busy; round++) {
                List<Future<Http.Res>> hogs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    hogs.add(pool.submit(() -> login(uniqueEmail(), "any password at all")));
                }
                Http.Res guess =
                        pool.submit(() -> login(email, "another wrong guess")).get();
                for (Future<Http.Res> h : hogs) {
                    h.get();
                }
                busy = guess.status() == 503;
                if (!busy) {
                    assertEquals(400, guess.status(), "an ordinary wrong guess otherwise: " + guess);
                }
            }
            assertTrue(busy, "the guess met a busy server in one of four rounds");
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1", browser().get(counter).body().trim(), "the account's failed logins are still counted");
    }
}
