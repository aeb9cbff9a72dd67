package io.nfidentity.impl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CurrentRequestTest {
    @Test
    void aUserAgentIsKeptAsPrintableAsciiOfAtMost200Characters() {
        assertEquals("Mozilla/5.0 (X11) ?? x", CurrentRequest.sanitised("Mozilla/5.0 (X11) \r\n x"));
        assertEquals(200, CurrentRequest.sanitised("a".repeat(5000)).length());
        assertEquals("caf?", CurrentRequest.sanitised("café"));
        assertNull(CurrentRequest.sanitised("   "));
        assertNull(CurrentRequest.sanitised(null));
    }

    @Test
    void outsideARequestEverythingIsUnknown() {
        CurrentRequest throwing = new CurrentRequest(() -> {
            throw new IllegalStateException("no request here");
        });
        assertNull(throwing.get());
        assertNull(throwing.address());
        assertNull(CurrentRequest.none().userAgent());
    }
}
