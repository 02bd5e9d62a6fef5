package org.vigilvms.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One analytics event (event metadata) as management stored it. */
@Entity
@Table(name = "analytics_event")
public class StoredEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, unique = true, length = 64)
    private String eventId;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(nullable = false, length = 32)
    private String type;

    @Column(length = 64)
    private String zone;

    @Column(name = "start_ts", nullable = false)
    private Instant startTs;

    @Column(name = "end_ts", nullable = false)
    private Instant endTs;

    @Column(nullable = false)
    private double score;

    /** Boxes "x,y,w,h;..." in fractions of the picture. */
    @Column(length = 1024)
    private String boxes;

    @Column(nullable = false)
    private String producer;

    @Column(name = "received_ts", nullable = false)
    private Instant receivedTs;

    protected StoredEvent() {
    }

    StoredEvent(String eventId, long cameraId, String type, String zone, Instant startTs, Instant endTs, double score, String boxes,
                String producer, Instant receivedTs) {
        this.eventId = eventId;
        this.cameraId = cameraId;
        this.type = type;
        this.zone = zone;
        this.startTs = startTs;
        this.endTs = endTs;
        this.score = score;
        this.boxes = boxes;
        this.producer = producer;
        this.receivedTs = receivedTs;
    }

    public Long getId() {
        return id;
    }

    public String getEventId() {
        return eventId;
    }

    public long getCameraId() {
        return cameraId;
    }

    public String getType() {
        return type;
    }

    public String getZone() {
        return zone;
    }

    public Instant getStartTs() {
        return startTs;
    }

    public Instant getEndTs() {
        return endTs;
    }

    public double getScore() {
        return score;
    }

    public String getBoxes() {
        return boxes;
    }

    public String getProducer() {
        return producer;
    }

    /** The end of an event reported at its onset; never earlier than known. */
    void complete(Instant end, double finalScore, String finalBoxes) {
        if (end.isAfter(endTs)) {
            endTs = end;
        }
        score = Math.max(score, finalScore);
        if (finalBoxes != null && !finalBoxes.isEmpty()) {
            boxes = finalBoxes;
        }
    }

    public EventView view() {
        return new EventView(eventId, cameraId, type, zone, startTs, endTs, score, boxes);
    }
}
