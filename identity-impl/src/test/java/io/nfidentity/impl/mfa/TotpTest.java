package io.nfidentity.impl.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /** RFC 6238 appendix B, SHA-1: the eight-digit values' last six digits are the six-digit codes. */
    @ParameterizedTest
    @CsvSource({
        "59, 287082",
        "1111111109, 081804",
        "1111111111, 050471",
        "1234567890, 005924",
        "2000000000, 279037",
        "20000000000, 353130"
    })
    void codesMatchRfc6238sTestVectors(long time, String code) {
        assertEquals(code, Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(time))));
    }

    @Test
    void aCodeOfTheCurrentStepOrOneEitherSideIsAccepted() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertEquals(OptionalLong.of(s), Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, s), now, null));
        }
        assertTrue(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, null)
                .isEmpty());
        assertTrue(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now, null)
                .isEmpty());
    }

    @Test
    void aCodeOfAStepAtOrBeforeTheLastAcceptedOneIsRefused() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String code = Totp.code(RFC_SECRET, step);
        assertTrue(Totp.match(RFC_SECRET, code, now, step).isEmpty(), "the same code again");
        assertTrue(
                Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, step)
                        .isEmpty(),
                "an older one");
        assertEquals(OptionalLong.of(step + 1), Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, step));
    }

    @ParameterizedTest
    @CsvSource(
            value = {"''", "12345", "1234567", "12345a", "' 28708'", "２８７０８２"},
            nullValues = "NULL")
    void malformedCodesAreRefusedWithoutComputingAnything(String code) {
        assertTrue(Totp.match(RFC_SECRET, code, Instant.ofEpochSecond(59), null).isEmpty());
    }

    @Test
    void aNullCodeIsRefused() {
        assertTrue(Totp.match(RFC_SECRET, null, Instant.ofEpochSecond(59), null).isEmpty());
    }

    @Test
    void newSecretsAre160BitsOfBase32AndDiffer() {
        String a = Totp.newSecret();
        assertEquals(32, a.length());
        assertTrue(a.matches("[A-Z2-7]{32}"));
        assertNotEquals(a, Totp.newSecret());
    }

    @Test
    void theUriIsGoogleAuthenticatorsKeyUriFormat() {
        assertEquals(
                "otpauth://totp/example.com:ann%40example.com?secret=ABC&issuer=example.com&algorithm=SHA1&digits=6"
                        + "&period=30",
                Totp.uri("example.com", "ann@example.com", "ABC"));
        assertTrue(Totp.uri("My Site", "a b@x.org", "ABC").startsWith("otpauth://totp/My%20Site:a%20b%40x.org?"));
    }

    @Test
    void theQrCodeIsSvgMarkupThatCanBeADataUri() {
        String qr = QrSvg.svg(Totp.uri("example.com", "ann@example.com", Totp.newSecret()));
        assertTrue(qr.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(qr.endsWith("</svg>"));
        assertFalse(qr.contains("#"), "a # would end the data URI a client makes of it early");
    }

    @Test
    void recoveryCodesAreTenDistinctAndReadForgivingly() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(10, new HashSet<>(codes).size());
        String code = codes.get(0);
        assertTrue(code.matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"));
        String hash = RecoveryCodes.hash(code);
        assertEquals(hash, RecoveryCodes.hash(code.toUpperCase().replace("-", " ")));
        assertEquals(hash, RecoveryCodes.hash(code.replace("-", "")));
        assertNull(RecoveryCodes.hash("287082"));
        assertNull(RecoveryCodes.hash("x".repeat(41)));
        assertNull(RecoveryCodes.hash(null));
    }
}
