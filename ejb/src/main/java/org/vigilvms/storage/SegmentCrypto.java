package org.vigilvms.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.keys.CameraKeys;

/**
 * How a segment is protected at rest and chained (a camera's keys: {@link CameraKeys}): the associated data that binds its ciphertext
 * to its slot, and the chain hash that binds it to its predecessor. Static, so offline tools
 * (integrity checks, tests, the export verifier) compute exactly what the server computes.
 */
public final class SegmentCrypto {

    private SegmentCrypto() {
    }

    public static byte[] segmentAad(long cameraId, long chainSeq) {
        return ("vigil-segment:" + cameraId + ":" + chainSeq).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] sha256(byte[] data) {
        return ChainLink.sha256(data);
    }

    /** The chain link as the export verifier recomputes it ({@link ChainLink}). */
    public static byte[] chainHash(byte[] previous, long cameraId, long chainSeq, Instant start, Instant end, byte[] segmentSha256) {
        return ChainLink.hash(previous, cameraId, chainSeq, start, end, segmentSha256);
    }

    /** What a chain head signature covers: camera, position, chain hash and signing time. */
    public static byte[] chainHeadStatement(long cameraId, long chainSeq, byte[] chainHash, Instant signedAt) {
        byte[] prefix = ("vigil-chain-head-v1|" + cameraId + "|" + chainSeq + "|" + signedAt.toEpochMilli() + "|")
                .getBytes(StandardCharsets.UTF_8);
        byte[] statement = Arrays.copyOf(prefix, prefix.length + chainHash.length);
        System.arraycopy(chainHash, 0, statement, prefix.length, chainHash.length);
        return statement;
    }
}
