package org.vigilvms.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signature by the server's signing key over the newest link of one camera's hash chain. */
@Entity
@Table(name = "chain_head")
public class ChainHead {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(name = "chain_seq", nullable = false)
    private long chainSeq;

    @Column(name = "chain_hash", nullable = false)
    private byte[] chainHash;

    @Column(name = "signed_ts", nullable = false)
    private Instant signedTs;

    @Column(name = "signer_sha256", nullable = false)
    private byte[] signerSha256;

    @Column(nullable = false)
    private byte[] signature;

    protected ChainHead() {
    }

    ChainHead(long cameraId, long chainSeq, byte[] chainHash, Instant signedTs, byte[] signerSha256, byte[] signature) {
        this.cameraId = cameraId;
        this.chainSeq = chainSeq;
        this.chainHash = chainHash;
        this.signedTs = signedTs;
        this.signerSha256 = signerSha256;
        this.signature = signature;
    }

    public long getCameraId() {
        return cameraId;
    }

    public long getChainSeq() {
        return chainSeq;
    }

    public byte[] getChainHash() {
        return chainHash;
    }

    public Instant getSignedTs() {
        return signedTs;
    }

    public byte[] getSignerSha256() {
        return signerSha256;
    }

    public byte[] getSignature() {
        return signature;
    }

    byte[] statement() {
        return SegmentCrypto.chainHeadStatement(cameraId, chainSeq, chainHash, signedTs);
    }
}
