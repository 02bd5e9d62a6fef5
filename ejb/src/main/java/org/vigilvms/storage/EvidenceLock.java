package org.vigilvms.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A legal hold on one camera's recordings in [from, to): retention leaves them alone until released. */
@Entity
@Table(name = "evidence_lock")
public class EvidenceLock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(name = "from_ts", nullable = false)
    private Instant fromTs;

    @Column(name = "to_ts", nullable = false)
    private Instant toTs;

    @Column(nullable = false, length = 512)
    private String reason;

    @Column(name = "created_by", nullable = false, length = 255)
    private String createdBy;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    @Column(name = "released_by", length = 255)
    private String releasedBy;

    @Column(name = "released_ts")
    private Instant releasedTs;

    protected EvidenceLock() {
    }

    EvidenceLock(long cameraId, Instant fromTs, Instant toTs, String reason, String createdBy, Instant createdTs) {
        this.cameraId = cameraId;
        this.fromTs = fromTs;
        this.toTs = toTs;
        this.reason = reason;
        this.createdBy = createdBy;
        this.createdTs = createdTs;
    }

    public Long getId() {
        return id;
    }

    public long getCameraId() {
        return cameraId;
    }

    public Instant getFromTs() {
        return fromTs;
    }

    public Instant getToTs() {
        return toTs;
    }

    public String getReason() {
        return reason;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedTs() {
        return createdTs;
    }

    public boolean isActive() {
        return releasedTs == null;
    }

    void release(String by, Instant now) {
        this.releasedBy = by;
        this.releasedTs = now;
    }
}
