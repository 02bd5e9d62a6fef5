package org.vigilvms.alarm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An alarm raised by a rule for an event, and what operators did with it. */
@Entity
@Table(name = "alarm")
public class Alarm {

    public enum State { NEW, ACKNOWLEDGED, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "rule_id", nullable = false)
    private long ruleId;

    @Column(name = "rule_name", nullable = false, length = 128)
    private String ruleName;

    @Column(name = "camera_id", nullable = false)
    private long cameraId;

    @Column(name = "event_id", nullable = false, length = 64)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    @Column(nullable = false)
    private int priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state = State.NEW;

    @Column(name = "event_ts", nullable = false)
    private Instant eventTs;

    @Column(name = "raised_ts", nullable = false)
    private Instant raisedTs;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_ts")
    private Instant acknowledgedTs;

    @Column(name = "acknowledge_comment", length = 1024)
    private String acknowledgeComment;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "closed_ts")
    private Instant closedTs;

    @Column(name = "close_comment", length = 1024)
    private String closeComment;

    @Column(name = "escalated_ts")
    private Instant escalatedTs;

    protected Alarm() {
    }

    Alarm(AlarmRule rule, long cameraId, String eventId, String eventType, Instant eventTs, Instant raisedTs) {
        this.ruleId = rule.getId();
        this.ruleName = rule.getName();
        this.cameraId = cameraId;
        this.eventId = eventId;
        this.eventType = eventType;
        this.priority = rule.getPriority();
        this.eventTs = eventTs;
        this.raisedTs = raisedTs;
    }

    public Long getId() {
        return id;
    }

    public long getCameraId() {
        return cameraId;
    }

    public long getRuleId() {
        return ruleId;
    }

    public State getState() {
        return state;
    }

    public Instant getRaisedTs() {
        return raisedTs;
    }

    public Instant getEscalatedTs() {
        return escalatedTs;
    }

    void acknowledge(String user, Instant at, String comment) {
        state = State.ACKNOWLEDGED;
        acknowledgedBy = user;
        acknowledgedTs = at;
        acknowledgeComment = comment;
    }

    void close(String user, Instant at, String comment) {
        state = State.CLOSED;
        closedBy = user;
        closedTs = at;
        closeComment = comment;
    }

    void escalate(Instant at) {
        escalatedTs = at;
        priority = Math.min(5, priority + 1);
    }

    public AlarmView view(String cameraName) {
        return new AlarmView(id, ruleName, cameraId, cameraName, eventId, eventType, priority, state.name(), eventTs, raisedTs,
                acknowledgedBy, acknowledgedTs, acknowledgeComment, closedBy, closedTs, closeComment, escalatedTs);
    }
}
