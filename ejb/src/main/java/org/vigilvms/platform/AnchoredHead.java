package org.vigilvms.platform;

import java.time.Instant;

/**
 * A signed chain head (a camera's or the audit trail's) as a SIEM received it when it was signed:
 * the off-box anchor an auditor hands to an integrity check, so that links removed from the
 * server together with their heads still show. The check takes it only if this server signed it.
 */
public record AnchoredHead(long chainSeq, byte[] chainHash, Instant signedAt, byte[] signature) {

    public AnchoredHead {
        chainHash = chainHash.clone();
        signature = signature.clone();
    }
}
