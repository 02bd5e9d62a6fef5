package org.vigilvms.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One alarm to one receiver: written with the alarm, sent after its commit, retried until delivered or dead. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    /** Where a delivery is. */
    public enum State { PENDING, DELIVERED, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "receiver_id", nullable = false)
    private long receiverId;

    @Column(name = "alarm_id", nullable = false)
    private long alarmId;

    @Column(nullable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state = State.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_ts", nullable = false)
    private Instant nextAttemptTs;

    @Column(name = "last_error", length = 512)
    private String lastError;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    @Column(name = "delivered_ts")
    private Instant deliveredTs;

    protected WebhookDelivery() {
    }

    WebhookDelivery(long receiverId, long alarmId, String body, Instant now) {
        this.receiverId = receiverId;
        this.alarmId = alarmId;
        this.body = body;
        this.nextAttemptTs = now;
        this.createdTs = now;
    }

    public Long getId() {
        return id;
    }

    long getReceiverId() {
        return receiverId;
    }

    String getBody() {
        return body;
    }

    State getState() {
        return state;
    }

    int getAttempts() {
        return attempts;
    }

    void delivered(Instant now) {
        attempts++;
        state = State.DELIVERED;
        deliveredTs = now;
        lastError = null;
    }

    /** A failed attempt: the next one at {@code next}, or none (DEAD). */
    void failed(String error, Instant next) {
        attempts++;
        lastError = error.length() > 512 ? error.substring(0, 512) : error;
        if (next == null) {
            state = State.DEAD;
        } else {
            nextAttemptTs = next;
        }
    }

    /** An administrator sends a dead delivery again: a fresh round of attempts. */
    void revive(Instant now) {
        state = State.PENDING;
        attempts = 0;
        nextAttemptTs = now;
    }

    /** A delivery as administrators see it (the dead-letter list). */
    public record View(long id, long receiverId, long alarmId, String state, int attempts, String lastError, Instant createdAt,
                       Instant nextAttemptAt, Instant deliveredAt) {
    }

    View view() {
        return new View(id, receiverId, alarmId, state.name(), attempts, lastError, createdTs,
                state == State.PENDING ? nextAttemptTs : null, deliveredTs);
    }
}
