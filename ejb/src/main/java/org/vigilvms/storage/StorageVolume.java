package org.vigilvms.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A directory segments are written to. The volume named "default" with an empty path is the
 * installation's storage folder. Updated column by column: a recorder node may change a volume's
 * state, never its path or quota (V34).
 */
@Entity
@DynamicUpdate
@Table(name = "storage_volume")
public class StorageVolume {

    /** What a volume can do now. */
    public enum State { ACTIVE, FULL, FAILED, DISABLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false, length = 1024)
    private String path;

    @Column(name = "quota_bytes")
    private Long quotaBytes;

    @Column(name = "min_free_bytes", nullable = false)
    private long minFreeBytes = 256L << 20;

    // never written from the entity: several sealing sessions and retention change it at once,
    // so it moves only by StorageVolumes.addUsed's atomic UPDATE (the field follows in memory)
    @Column(name = "used_bytes", nullable = false, updatable = false)
    private long usedBytes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state = State.ACTIVE;

    @Column(name = "state_reason", length = 1024)
    private String stateReason;

    @Column(name = "state_since_ts", nullable = false)
    private Instant stateSinceTs;

    protected StorageVolume() {
    }

    StorageVolume(String name, String path, Long quotaBytes, Instant now) {
        this.name = name;
        this.path = path;
        this.quotaBytes = quotaBytes;
        this.stateSinceTs = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getPath() {
        return path;
    }

    public Long getQuotaBytes() {
        return quotaBytes;
    }

    public long getMinFreeBytes() {
        return minFreeBytes;
    }

    /** What it may still take, given the space usable on its disk: above its reserve, within its quota. */
    public long roomBytes(long usableOnDisk) {
        long free = usableOnDisk - minFreeBytes;
        return Math.max(0, quotaBytes == null ? free : Math.min(free, quotaBytes - usedBytes));
    }

    public long getUsedBytes() {
        return usedBytes;
    }

    public State getState() {
        return state;
    }

    public String getStateReason() {
        return stateReason;
    }

    public Instant getStateSinceTs() {
        return stateSinceTs;
    }

    void setQuotaBytes(Long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    void addUsed(long bytes) {
        usedBytes = Math.max(0, usedBytes + bytes);
    }

    void changeState(State state, String reason, Instant now) {
        if (this.state != state) {
            this.stateSinceTs = now;
        }
        this.state = state;
        this.stateReason = reason;
    }

    /** Whether the quota leaves room for {@code bytes} more. */
    boolean quotaAllows(long bytes) {
        return quotaBytes == null || usedBytes + bytes <= quotaBytes;
    }
}
