package io.nfidentity.impl.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Lines of a stream, each at most a given length: a longer line is skipped to its end and reported as
 * {@link #TOO_LONG}, so one endless line cannot fill the heap the way {@code BufferedReader.readLine} would let it.
 */
final class BoundedLines {
    /** Stands for a line that was too long (compared by identity). */
    static final String TOO_LONG = new String("<too long>");

    private final Reader in;
    private final long max;
    private final char[] buffer = new char[8192];
    private int pos;
    private int end;

    BoundedLines(Reader in, long maxChars) {
        this.in = in;
        this.max = maxChars;
    }

    /** @return the next line without its end ({@code \n} or {@code \r\n}), {@link #TOO_LONG}, or {@code null} at the end */
    String next() {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                return any ? finish(line, tooLong) : null;
            }
            any = true;
            char c = buffer[pos++];
            if (c == '\n') {
                return finish(line, tooLong);
            }
            if (!tooLong) {
                if (line.length() >= max) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    }

    private static String finish(StringBuilder line, boolean tooLong) {
        if (tooLong) {
            return TOO_LONG;
        }
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            pos = 0;
            end = Math.max(n, 0); // at the end of the stream, an empty buffer: every later call ends here too
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
