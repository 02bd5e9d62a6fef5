package org.vigilvms.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One link of a camera's hash chain: SHA-256(previous link, camera, position, start, end, segment
 * hash), the first link chained to 32 zero bytes. The server computes it when a segment is
 * stored; the verifier recomputes it from an export's manifest.
 */
public final class ChainLink {

    private ChainLink() {
    }

    public static byte[] hash(byte[] previous, long cameraId, long chainSeq, Instant start, Instant end, byte[] segmentSha256) {
        MessageDigest digest = sha256Digest();
        digest.update(previous == null ? new byte[32] : previous);
        digest.update((cameraId + "|" + chainSeq + "|" + start.toEpochMilli() + "|" + end.toEpochMilli() + "|")
                .getBytes(StandardCharsets.UTF_8));
        digest.update(segmentSha256);
        return digest.digest();
    }

    public static byte[] sha256(byte[] data) {
        return sha256Digest().digest(data);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }
}
