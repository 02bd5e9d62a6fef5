package org.vigilvms.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored segment: where it is, what it covers, its hash and its link in the camera's chain. */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(name = "chain_seq", nullable = false)
    private long chainSeq;

    @Column(name = "start_ts", nullable = false)
    private Instant startTs;

    @Column(name = "end_ts", nullable = false)
    private Instant endTs;

    @Column(name = "duration_ms", nullable = false)
    private int durationMs;

    @Column(nullable = false)
    private int frames;

    @Column(nullable = false)
    private long bytes;

    @Column(nullable = false)
    private byte[] sha256;

    @Column(name = "chain_hash", nullable = false)
    private byte[] chainHash;

    @Column(nullable = false, length = 255)
    private String volume;

    @Column(nullable = false, length = 512)
    private String path;

    @Column(name = "retired_ts")
    private Instant retiredTs;

    @Column(name = "retired_reason", length = 255)
    private String retiredReason;

    /** The node that recorded it as the camera's owner; null for segments sealed before ownership existed. */
    @Column(name = "owner_node", length = 64)
    private String ownerNode;

    @Column(name = "owner_epoch")
    private Long ownerEpoch;

    protected Segment() {
    }

    Segment(long cameraId, long chainSeq, Instant startTs, Instant endTs, int durationMs, int frames, long bytes,
            byte[] sha256, byte[] chainHash, String volume, String path, String ownerNode, long ownerEpoch) {
        this.ownerNode = ownerNode;
        this.ownerEpoch = ownerEpoch;
        this.cameraId = cameraId;
        this.chainSeq = chainSeq;
        this.startTs = startTs;
        this.endTs = endTs;
        this.durationMs = durationMs;
        this.frames = frames;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.chainHash = chainHash;
        this.volume = volume;
        this.path = path;
    }

    public Long getId() {
        return id;
    }

    public String getOwnerNode() {
        return ownerNode;
    }

    public Long getOwnerEpoch() {
        return ownerEpoch;
    }

    public long getCameraId() {
        return cameraId;
    }

    public long getChainSeq() {
        return chainSeq;
    }

    public Instant getStartTs() {
        return startTs;
    }

    public Instant getEndTs() {
        return endTs;
    }

    public int getDurationMs() {
        return durationMs;
    }

    public int getFrames() {
        return frames;
    }

    public long getBytes() {
        return bytes;
    }

    public byte[] getSha256() {
        return sha256.clone();
    }

    public byte[] getChainHash() {
        return chainHash.clone();
    }

    public String getVolume() {
        return volume;
    }

    public String getPath() {
        return path;
    }

    public Instant getRetiredTs() {
        return retiredTs;
    }

    void retire(Instant now, String reason) {
        this.retiredTs = now;
        this.retiredReason = reason;
    }
}
