package org.vigilvms.storage;

import java.time.Instant;

/**
 * A camera's chain head as a SIEM received it when it was signed (the off-box anchor): what an
 * auditor hands to the integrity check so that links removed from the server together with their
 * heads still show. Only a head this server signed for that camera is taken.
 */
public record AnchoredHead(long chainSeq, byte[] chainHash, Instant signedAt, byte[] signature) {

    public AnchoredHead {
        chainHash = chainHash.clone();
        signature = signature.clone();
    }

    /** The statement the server signed for this head of camera {@code cameraId}. */
    byte[] statement(long cameraId) {
        return SegmentCrypto.chainHeadStatement(cameraId, chainSeq, chainHash, signedAt);
    }
}
