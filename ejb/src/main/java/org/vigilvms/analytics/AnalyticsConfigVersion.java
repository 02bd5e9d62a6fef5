package org.vigilvms.analytics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed version of a camera's analytics configuration; the newest is in force. */
@Entity
@Table(name = "analytics_config")
public class AnalyticsConfigVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(nullable = false)
    private int version;

    /** The configuration as sent (JSON of the message record, signature included). */
    @Column(name = "config_json", nullable = false, length = 65536)
    private String configJson;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    protected AnalyticsConfigVersion() {
    }

    AnalyticsConfigVersion(long cameraId, int version, String configJson, String createdBy, Instant createdTs) {
        this.cameraId = cameraId;
        this.version = version;
        this.configJson = configJson;
        this.createdBy = createdBy;
        this.createdTs = createdTs;
    }

    public long getCameraId() {
        return cameraId;
    }

    public int getVersion() {
        return version;
    }

    public String getConfigJson() {
        return configJson;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedTs() {
        return createdTs;
    }
}
