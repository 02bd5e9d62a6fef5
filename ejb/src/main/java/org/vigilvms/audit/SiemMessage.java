package org.vigilvms.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What Vigil tells a SIEM, as RFC 5424 syslog messages in RFC 5425 frames (octet counting:
 * the message's length in bytes, a space, the message). Facility authpriv; severity notice for
 * successes and chain heads, warning for failures and refusals. Structured data
 * {@code [vigil@32473 ...]} carries what SIEM rules and an auditor need (32473 is the
 * documentation enterprise number of RFC 5612, to be replaced by a registered one). Free text is
 * stripped of control characters, so no message can forge another one.
 */
public final class SiemMessage {

    private static final int AUTHPRIV = 10;
    private static final int NOTICE = 5;
    private static final int WARNING = 4;
    /** Action of a chain head message. */
    public static final String CHAIN_HEAD = "chain.head";

    private SiemMessage() {
    }

    /** A sealed audit row: its chain position, actor, target and outcome, and its detail as the message text. */
    public static String auditEvent(AuditEvent e, String host) {
        int severity = e.getOutcome() == AuditEvent.Outcome.SUCCESS ? NOTICE : WARNING;
        return header(severity, e.getEventTs(), host, e.getAction()) + " [vigil@32473 seq=\"" + e.getChainSeq() + "\" actor=\""
                + param(e.getActor()) + "\" target=\"" + param(e.getTarget()) + "\" outcome=\"" + e.getOutcome() + "\"] "
                + clean(e.getDetail());
    }

    /**
     * A signed chain head: which chain ({@code camera:<id>} or {@code audit}), its newest position
     * and hash, when it was signed, the signature and the SHA-256 of the signing certificate. What
     * the SIEM keeps lets an auditor show later that links up to that position existed, even if
     * they were removed from the server together with their heads.
     */
    public static String chainHead(String chain, long seq, byte[] hash, Instant signedAt, byte[] signature, byte[] signerSha256,
                                   String host) {
        return header(NOTICE, signedAt, host, CHAIN_HEAD) + " [vigil@32473 chain=\"" + param(chain) + "\" seq=\"" + seq
                + "\" hash=\"" + HexFormat.of().formatHex(hash) + "\" signedAt=\"" + DateTimeFormatter.ISO_INSTANT.format(signedAt)
                + "\" signature=\"" + Base64.getEncoder().encodeToString(signature) + "\" signer=\""
                + HexFormat.of().formatHex(signerSha256) + "\"] signed chain head";
    }

    /** An RFC 5425 frame around {@code message}: its length in UTF-8 bytes, a space, the message. */
    public static String frame(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length + " " + message;
    }

    private static String header(int severity, Instant at, String host, String action) {
        return "<" + (AUTHPRIV * 8 + severity) + ">1 " + DateTimeFormatter.ISO_INSTANT.format(at) + " " + host + " vigil - "
                + clean(action);
    }

    /** RFC 5424 PARAM-VALUE escaping. */
    private static String param(String value) {
        return value == null ? "" : clean(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    /** No line breaks or control characters inside a message (no log injection). */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
    }
}
