package org.vigilvms.health;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The latest heartbeat received from one producer (read side; written by {@link HeartbeatService}). */
@Entity
@Table(name = "service_heartbeat")
public class ServiceHeartbeatRecord {

    @Id
    @Column(length = 128)
    private String producer;

    @Column(nullable = false, length = 255)
    private String node;

    @Column(nullable = false, length = 64)
    private String version;

    @Column(name = "started_ts", nullable = false)
    private Instant startedTs;

    @Column(name = "last_sent_ts", nullable = false)
    private Instant lastSentTs;

    @Column(name = "last_received_ts", nullable = false)
    private Instant lastReceivedTs;

    @Column(name = "received_count", nullable = false)
    private long receivedCount;

    protected ServiceHeartbeatRecord() {
    }

    public String getProducer() {
        return producer;
    }

    public String getNode() {
        return node;
    }

    public String getVersion() {
        return version;
    }

    public Instant getStartedTs() {
        return startedTs;
    }

    public Instant getLastSentTs() {
        return lastSentTs;
    }

    public Instant getLastReceivedTs() {
        return lastReceivedTs;
    }

    public long getReceivedCount() {
        return receivedCount;
    }
}
