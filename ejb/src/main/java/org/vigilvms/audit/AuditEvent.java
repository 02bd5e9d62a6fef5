package org.vigilvms.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the audit trail. Never updated (except once, when sealed into the chain) or deleted by the application. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** How an audited action ended. */
    public enum Outcome { SUCCESS, FAILURE, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_ts", nullable = false)
    private Instant eventTs;

    @Column(nullable = false, length = 255)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(length = 255)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Outcome outcome;

    @Column(columnDefinition = "text")
    private String detail;

    @Column(name = "chain_seq")
    private Long chainSeq;

    @Column(name = "chain_hash")
    private byte[] chainHash;

    protected AuditEvent() {
    }

    public AuditEvent(Instant eventTs, String actor, String action, String target, Outcome outcome, String detail) {
        this.eventTs = eventTs;
        this.actor = truncate(actor, 255);
        this.action = action;
        this.target = truncate(target, 255);
        this.outcome = outcome;
        this.detail = detail;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public Instant getEventTs() {
        return eventTs;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }

    public Long getChainSeq() {
        return chainSeq;
    }

    public byte[] getChainHash() {
        return chainHash;
    }

    /** Sealing into the audit chain: the only change ever made to a row after it is written. */
    void seal(long seq, byte[] hash) {
        this.chainSeq = seq;
        this.chainHash = hash;
    }
}
