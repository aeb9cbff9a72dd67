package io.nfidentity.impl.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
    @Test
    void linesEndAtNewlinesWithOrWithoutCarriageReturnAndTheLastNeedsNone() {
        BoundedLines lines = new BoundedLines(new StringReader("a\r\nbb\n\nccc"), 10);
        assertEquals("a", lines.next());
        assertEquals("bb", lines.next());
        assertEquals("", lines.next());
        assertEquals("ccc", lines.next());
        assertNull(lines.next());
    }

    @Test
    void aLineOverTheLimitIsSkippedWholeAndTheNextOneReadAsUsual() {
        BoundedLines lines = new BoundedLines(new StringReader("x".repeat(100_000) + "\nok\n"), 16);
        assertSame(BoundedLines.TOO_LONG, lines.next());
        assertEquals("ok", lines.next());
        assertNull(lines.next());
    }
}
