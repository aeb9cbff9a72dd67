package io.nfidentity.impl.mfa;

import io.nayuki.qrcodegen.QrCode;

/**
 * The enrolment's QR code as Supabase's server answers it: SVG markup, which Supabase's client turns into a
 * {@code data:image/svg+xml;utf-8,} URI for an {@code <img src>} (a client of its own does the same). The encoding is
 * Nayuki's reference encoder; only the drawing of its modules is ours (one path, four modules of quiet zone).
 */
final class QrSvg {
    private static final int BORDER = 4;

    private QrSvg() {}

    static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * BORDER;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + BORDER)
                            .append(',')
                            .append(y + BORDER)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
                + "<path d=\"" + path + "\" fill=\"black\"/></svg>";
    }
}
