package org.vigilvms.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The audit hash chain: each sealed row's hash covers its predecessor's hash and every field of
 * the row (length-prefixed, so no two rows encode alike). Static, so a verifier outside the
 * server computes exactly the same.
 */
public final class AuditChain {

    private AuditChain() {
    }

    public static byte[] link(byte[] previous, long seq, long id, Instant eventTs, String actor, String action,
                              String target, String outcome, String detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(previous == null ? new byte[32] : previous);
        out.writeBytes(ByteBuffer.allocate(24).putLong(seq).putLong(id).putLong(eventTs.toEpochMilli() * 1000
                + eventTs.getNano() / 1000 % 1000).array());
        for (String field : new String[] {actor, action, target, outcome, detail}) {
            if (field == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] link(byte[] previous, long seq, AuditEvent e) {
        return link(previous, seq, e.getId(), e.getEventTs(), e.getActor(), e.getAction(), e.getTarget(),
                e.getOutcome().name(), e.getDetail());
    }

    /** What the signature over the chain head covers. */
    public static byte[] headStatement(long seq, byte[] hash, Instant signedAt) {
        byte[] prefix = ("vigil-audit-head-v1|" + seq + "|" + signedAt.toEpochMilli() + "|").getBytes(StandardCharsets.UTF_8);
        byte[] statement = Arrays.copyOf(prefix, prefix.length + hash.length);
        System.arraycopy(hash, 0, statement, prefix.length, hash.length);
        return statement;
    }
}
