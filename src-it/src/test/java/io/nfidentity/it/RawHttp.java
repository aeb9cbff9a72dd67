package io.nfidentity.it;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Sends one request byte for byte, as an attacker with a raw socket (or curl) would: a forged {@code Host}, control
 * characters in a header. {@link Http} cannot: the JDK's client refuses both.
 */
final class RawHttp {
    private RawHttp() {}

    /** The status code and the whole response text. */
    record Res(int status, String text) {
        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * @param headers complete header lines without CRLF, e.g. {@code "Host: attacker.example"}; {@code Content-Length}
     *     and {@code Connection: close} are added
     */
    static Res send(URL base, String method, String path, String body, String... headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(method + " " + base.getPath() + path + " HTTP/1.1\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            return new Res(Integer.parseInt(text.substring(9, 12)), text);
        } catch (Exception e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }
}
