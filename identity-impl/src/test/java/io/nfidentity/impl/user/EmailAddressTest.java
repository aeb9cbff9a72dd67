package io.nfidentity.impl.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "first.last+tag@sub.example.co.uk", "x@a-b.io", "UPPER@EXAMPLE.COM"})
    void acceptsRealAddresses(String email) {
        assertEquals(email, EmailAddress.require("  " + email + " "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "plain",
                "@example.com",
                "a@",
                "a@b",
                "a b@example.com",
                "a@@example.com",
                "a@-example.com",
                "a@example-.com",
                "a@exa mple.com",
                "<a@example.com>"
            })
    void refusesNonAddresses(String email) {
        ValidationException e = assertThrows(ValidationException.class, () -> EmailAddress.require(email));
        assertEquals(422, e.status());
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 255})
    void refusesOverlongAddresses(int localLength) {
        String email = "a".repeat(localLength) + "@example.com";
        assertThrows(ValidationException.class, () -> EmailAddress.require(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u212Aim@example.com", "\uFF4Bim@example.com", "\uFB01nn@example.com"})
    void refusesAddressesWhoseLowerCaseWouldBeAnotherUsersKey(String lookAlike) {
        assertThrows(ValidationException.class, () -> EmailAddress.require(lookAlike));
        assertFalse(EmailAddress.plausible(lookAlike), "and a lookup with it finds nobody: " + lookAlike);
    }

    @Test
    void keepsAddressesThatAreTheirOwnNormalForm() {
        assertEquals("Jos\u00E9@example.com", EmailAddress.require("Jos\u00E9@example.com"));
        assertTrue(EmailAddress.plausible("KIM@example.com"));
    }
}
