package org.vigilvms.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signing key a node asked to register for one of its services, waiting for an administrator. */
@Entity
@Table(name = "producer_key_request")
public class ProducerKeyRequest {

    @Id
    @Column(length = 128)
    private String producer;

    @Column(nullable = false, length = 32)
    private String algorithm;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "requested_ts", nullable = false)
    private Instant requestedTs;

    protected ProducerKeyRequest() {
    }

    ProducerKeyRequest(String producer, String algorithm, byte[] publicKey, Instant requestedTs) {
        this.producer = producer;
        this.algorithm = algorithm;
        this.publicKey = publicKey.clone();
        this.requestedTs = requestedTs;
    }

    public String getProducer() {
        return producer;
    }

    public byte[] getPublicKey() {
        return publicKey.clone();
    }

    public Instant getRequestedTs() {
        return requestedTs;
    }

    /** The node asks again, with another key (it lost the one it asked for first). */
    void renew(byte[] newKey, Instant now) {
        this.publicKey = newKey.clone();
        this.requestedTs = now;
    }
}
