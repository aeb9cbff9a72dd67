package io.nfidentity.impl.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfidentity.impl.mechanism.BearerHeader.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerHeaderTest {
    @Test
    void aWellFormedBearerTokenIsTaken() {
        BearerHeader.Parsed p = BearerHeader.parse("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig-_~+/==");
        assertEquals(Kind.BEARER, p.kind());
        assertEquals("eyJhbGciOiJIUzI1NiJ9.e30.sig-_~+/==", p.token());
        assertEquals(Kind.BEARER, BearerHeader.parse("bearer   abc  ").kind(), "scheme is case-insensitive");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer",
                "Bearer ",
                "Bearer \u000b",
                "Bearer\u000b",
                "Bearer\tabc",
                "Bearer a b",
                "Bearer abc\u000b",
                "Bearer ab\"c",
                "Bearer =abc",
                "Bearer abc=def",
                "BEARER \u0000"
            })
    void theBearerSchemeWithoutAUsableTokenIsMalformedNeverAbsent(String header) {
        // malformed, so the mechanism never falls back to the cookie and the REST API answers 401
        assertEquals(Kind.MALFORMED, BearerHeader.parse(header).kind(), "header: " + header.replace("\u000b", "\\v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Digest x", "Bearerish abc", "Token abc"})
    void otherSchemesAreNotBearerRequests(String header) {
        // a password-protected staging site sends Basic with every request: cookie sessions must keep working there
        assertEquals(Kind.NONE, BearerHeader.parse(header).kind());
    }

    @Test
    void noHeaderIsNone() {
        assertEquals(Kind.NONE, BearerHeader.parse(null).kind());
    }
}
