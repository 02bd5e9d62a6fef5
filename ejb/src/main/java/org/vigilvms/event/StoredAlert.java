package org.vigilvms.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One analytics alert (alert metadata): a conclusion made of events stored before it. */
@Entity
@Table(name = "analytics_alert")
public class StoredAlert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "alert_id", nullable = false, unique = true, length = 64)
    private String alertId;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(nullable = false, length = 32)
    private String kind;

    @Column(name = "at_ts", nullable = false)
    private Instant atTs;

    @Column(name = "event_ids", nullable = false, length = 1024)
    private String eventIds;

    @Column(length = 1024)
    private String detail;

    @Column(nullable = false)
    private String producer;

    @Column(name = "received_ts", nullable = false)
    private Instant receivedTs;

    protected StoredAlert() {
    }

    StoredAlert(String alertId, long cameraId, String kind, Instant atTs, String eventIds, String detail, String producer,
                Instant receivedTs) {
        this.alertId = alertId;
        this.cameraId = cameraId;
        this.kind = kind;
        this.atTs = atTs;
        this.eventIds = eventIds;
        this.detail = detail;
        this.producer = producer;
        this.receivedTs = receivedTs;
    }

    public String getKind() {
        return kind;
    }

    public long getCameraId() {
        return cameraId;
    }

    public Instant getAtTs() {
        return atTs;
    }

    public String getEventIds() {
        return eventIds;
    }
}
