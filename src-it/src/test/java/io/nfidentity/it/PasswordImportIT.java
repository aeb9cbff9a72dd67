package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Users brought from another system keep their passwords: created with the other system's hash, they log in with
 * their own password, and that first login replaces the hash with nf-identity's Argon2id.
 */
class PasswordImportIT extends SampleTestBase {
    /** The three forms another system most likely has, each a hash of {@link #PASSWORD}. */
    static final String BCRYPT_HASH = "$2b$10$ZkWrYUPjZlPnbFira0Dqb.OJSnryggg0ff0/6AcUiyaT2XyyzkF1i";

    private static final String ARGON2I =
            "$argon2i$v=19$m=4096,t=3,p=1$bmYtaWRlbnRpdHktc2FsdA$xf+b8Nghnypkaz8faacmaWCHY6Qg9sAB6VpBSTVL+Mc";

    // Python: hashlib.pbkdf2_hmac('sha256', password, b'djangosalt123', 1000, 32), in Django's form
    static final String DJANGO_HASH = "pbkdf2_sha256$1000$djangosalt123$vlWBfC1d6kaVqHXUSRZCC8szkX2nKeSf8xujyzGniiQ=";

    private Http.Res create(String email, String fields) {
        return browser()
                .send(
                        "POST",
                        ID + "admin/users",
                        "{\"email\":\"" + email + "\",\"confirm\":true," + fields + "}",
                        "Authorization",
                        OPERATOR);
    }

    private static String hashField(String hash) {
        return "\"password_hash\":" + Json.createValue(hash);
    }

    @Test
    void importedUsersLogInWithTheirOwnPasswordWhichIsThenRehashedToArgon2id() {
        for (String hash : new String[] {BCRYPT_HASH, ARGON2I, DJANGO_HASH}) {
            String email = uniqueEmail();
            Http.Res created = create(email, hashField(hash));
            assertEquals(200, created.status(), created.toString());
            assertEquals(hash, passwordHash(email), "stored as given until the first login");

            assertEquals(400, passwordLogin(browser(), email, PASSWORD + "!").status(), "a wrong password: " + hash);
            assertEquals(hash, passwordHash(email), "a failed login changes nothing");
            assertEquals(200, passwordLogin(browser(), email, PASSWORD).status(), "the user's own password: " + hash);

            assertTrue(passwordHash(email).startsWith("$argon2id$"), "rehashed: " + passwordHash(email));
            assertEquals(200, passwordLogin(browser(), email, PASSWORD).status(), "and it still works");
        }
    }

    @Test
    void aHashInAnotherFormIsRefusedNamingTheFormsAndNothingIsStored() {
        String email = uniqueEmail();
        Http.Res md5 = create(email, hashField("5f4dcc3b5aa765d61d8327deb882cf99"));
        assertEquals(422, md5.status(), md5.toString());
        assertEquals("password_hash_unsupported", md5.json().getString("error_code"), md5.toString());
        assertTrue(md5.json().getString("msg").contains("bcrypt"), "names the forms: " + md5);
        assertEquals(0, usersWithEmail(email));

        Http.Res both = create(email, hashField(BCRYPT_HASH) + ",\"password\":\"" + PASSWORD + "\"");
        assertEquals(422, both.status(), both.toString());
        assertEquals(0, usersWithEmail(email));

        Http.Res costly = create(email, hashField("$2b$31$ZkWrYUPjZlPnbFira0Dqb.OJSnryggg0ff0/6AcUiyaT2XyyzkF1i"));
        assertEquals(422, costly.status(), "2^31 rounds a login would tie up the server: " + costly);
    }

    /** An Argon2id hash of {@code mib} MiB and {@code t} passes, of no password anyone knows. */
    private static String argon2id(int mib, int t) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + (mib * 1024) + ",t=" + t + ",p=1$" + b64.encodeToString(new byte[16]) + "$"
                + b64.encodeToString(new byte[32]);
    }

    @Test
    void aHashNoLoginCouldAffordIsRefusedAndABurstAgainstHeavyOnesIsAnsweredWithoutTakingTheServerDown()
            throws Exception {
        // the suite's server: 768 MiB of heap, so a budget of 192 MiB for all hashes at once
        Http.Res tooHeavy = create(uniqueEmail(), hashField(argon2id(256, 20)));
        assertEquals(422, tooHeavy.status(), "256 MiB for one check is refused at the door: " + tooHeavy);
        assertTrue(tooHeavy.json().getString("msg").contains("MiB"), tooHeavy.toString());

        List<String> heavy = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = uniqueEmail();
            assertEquals(200, create(email, hashField(argon2id(128, 1))).status(), "128 MiB fits the budget");
            heavy.add(email);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(13);
        try {
            List<java.util.concurrent.Future<Http.Res>> guesses = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String email = heavy.get(i % heavy.size());
                guesses.add(pool.submit(() -> passwordLogin(browser(), email, "a wrong guess")));
            }
            java.util.concurrent.Future<Http.Res> meanwhile =
                    pool.submit(() -> browser().get(ID + "settings"));
            assertEquals(200, meanwhile.get().status(), "the server serves others during the burst");
            for (java.util.concurrent.Future<Http.Res> g : guesses) {
                Http.Res r = g.get();
                assertTrue(
                        r.status() == 400
                                || ((r.status() == 503 || r.status() == 429)
                                        && r.header("Retry-After").isPresent()),
                        "a wrong guess is refused, or the client told when to come back: " + r);
            }
        } finally {
            pool.shutdownNow();
        }
        String email = uniqueEmail();
        assertEquals(
                200,
                browser()
                        .send("POST", ID + "signup", credentials(email, PASSWORD))
                        .status());
        assertEquals(200, passwordLogin(browser(), email, PASSWORD).status(), "and logs users in afterwards");
    }
}
