package org.vigilvms.tools;

import java.util.Base64;

/** DER bytes as PEM text (RFC 7468): what tools print and test servers write for other programs to read. */
public final class PemText {

    private PemText() {
    }

    /** {@code der} between {@code -----BEGIN type-----} and {@code -----END type-----}, in lines of 64 characters. */
    public static String of(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
