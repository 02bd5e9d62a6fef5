package org.vigilvms.storage;

import java.util.List;

/** The result of walking one camera's hash chain: how much was checked and each problem found. */
public record IntegrityReport(long cameraId, int segmentsChecked, List<Finding> findings) {

    /** What can be wrong with a link of the chain. */
    public enum Problem {
        /** The stored file does not decrypt, or its content does not match the indexed hash. */
        TAMPERED,
        /** The index names the segment but its file is gone. */
        MISSING_FILE,
        /** A position of the chain has no index row (a row was deleted). */
        MISSING_FROM_INDEX,
        /** The index row does not match its chain link (times, hash or order were edited). */
        INDEX_EDITED,
        /** The newest links were removed: a signed head names a position the index no longer has. */
        TRUNCATED,
        /** The chain was recomputed: it no longer matches a head the server signed. */
        CHAIN_REWRITTEN,
        /**
         * The newest links were removed together with their signed heads: only the head the SIEM
         * kept (the off-box anchor) still names them.
         */
        REMOVED_WITH_HEADS,
        /** A signed head was altered or forged: its signature does not verify. */
        HEAD_SIGNATURE_INVALID
    }

    /** One problem at one position of the chain. */
    public record Finding(long chainSeq, Problem problem, String detail) {
    }

    public boolean intact() {
        return findings.isEmpty();
    }
}
