package org.vigilvms.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A sensitive action held until a second person decides on it. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    public enum State { PENDING, APPROVED, REJECTED }

    @Id
    private UUID id;

    @Column(nullable = false, length = 32)
    private String action;

    @Column(nullable = false, length = 255)
    private String target;

    /** What exactly is to be done, as the owning service wrote it (key=value;...). */
    @Column(nullable = false, length = 2048)
    private String payload;

    @Column(nullable = false, length = 1024)
    private String summary;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_ts", nullable = false)
    private Instant requestedTs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_ts")
    private Instant decidedTs;

    @Column(length = 1024)
    private String comment;

    protected ApprovalRequest() {
    }

    ApprovalRequest(String action, String target, String payload, String summary, String requestedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.action = action;
        this.target = target;
        this.payload = payload;
        this.summary = summary;
        this.requestedBy = requestedBy;
        this.requestedTs = now;
        this.state = State.PENDING;
    }

    void decide(State decision, String by, Instant at, String why) {
        this.state = decision;
        this.decidedBy = by;
        this.decidedTs = at;
        this.comment = why;
    }

    public UUID getId() {
        return id;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getPayload() {
        return payload;
    }

    public String getSummary() {
        return summary;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedTs() {
        return requestedTs;
    }

    public State getState() {
        return state;
    }

    public String getDecidedBy() {
        return decidedBy;
    }
}
