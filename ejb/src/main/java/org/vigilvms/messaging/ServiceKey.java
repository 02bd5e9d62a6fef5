package org.vigilvms.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A producer's registered public key: what its envelopes must verify with. */
@Entity
@Table(name = "service_key")
public class ServiceKey {

    @Id
    @Column(length = 128)
    private String producer;

    @Column(nullable = false, length = 32)
    private String algorithm;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "registered_ts", nullable = false)
    private Instant registeredTs;

    @Column(name = "revoked_ts")
    private Instant revokedTs;

    @Column(name = "enrolled_by")
    private String enrolledBy;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revocation_reason", length = 512)
    private String revocationReason;

    protected ServiceKey() {
    }

    public ServiceKey(String producer, String algorithm, byte[] publicKey, Instant registeredTs) {
        this.producer = producer;
        this.algorithm = algorithm;
        this.publicKey = publicKey.clone();
        this.registeredTs = registeredTs;
    }

    public String getProducer() {
        return producer;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public byte[] getPublicKey() {
        return publicKey.clone();
    }

    public Instant getRegisteredTs() {
        return registeredTs;
    }

    public Instant getRevokedTs() {
        return revokedTs;
    }

    public String getEnrolledBy() {
        return enrolledBy;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    /** Replaces the key and clears any revocation (an administrator's enrolment or approval of a new key). */
    void replace(byte[] newKey, Instant now) {
        this.publicKey = newKey.clone();
        this.registeredTs = now;
        this.revokedTs = null;
        this.revokedBy = null;
        this.revocationReason = null;
    }

    /** A remote producer's key, enrolled by {@code by}: a new key, or one after the old was revoked. */
    void enrol(byte[] newKey, String by, Instant now) {
        replace(newKey, now);
        this.enrolledBy = by;
    }

    void revoke(String by, Instant now, String reason) {
        this.revokedTs = now;
        this.revokedBy = by;
        this.revocationReason = reason;
    }
}
