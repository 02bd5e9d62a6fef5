package org.vigilvms.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The newest link of the audit chain, signed by the server signing key. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    @Id
    private short id = 1;

    @Column(name = "chain_seq", nullable = false)
    private long chainSeq;

    @Column(name = "chain_hash", nullable = false)
    private byte[] chainHash;

    @Column(name = "signed_ts", nullable = false)
    private Instant signedTs;

    @Column(nullable = false)
    private byte[] signature;

    @Column(name = "signer_sha256")
    private byte[] signerSha256;

    public long getChainSeq() {
        return chainSeq;
    }

    public byte[] getChainHash() {
        return chainHash;
    }

    public Instant getSignedTs() {
        return signedTs;
    }

    public byte[] getSignature() {
        return signature;
    }

    /** SHA-256 of the certificate whose key signed the head; null for heads older than the signer column. */
    public byte[] getSignerSha256() {
        return signerSha256;
    }

    void advance(long seq, byte[] hash, Instant at, byte[] signature, byte[] signerSha256) {
        this.chainSeq = seq;
        this.chainHash = hash;
        this.signedTs = at;
        this.signature = signature;
        this.signerSha256 = signerSha256;
    }
}
