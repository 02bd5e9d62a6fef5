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

/**
 * One alarm to one webhook receiver or to a rule's e-mail recipients: written with the alarm,
 * sent after its commit, retried until delivered or dead.
 */
@Entity
@Table(name = "notification_delivery")
public class NotificationDelivery {

    /** Where a delivery is. */
    public enum State { PENDING, DELIVERED, DEAD }

    /** How it travels. */
    public enum Channel { WEBHOOK, EMAIL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Column(name = "receiver_id")
    private Long receiverId;

    @Column(length = 1024)
    private String recipients;

    @Column(length = 255)
    private String subject;

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

    protected NotificationDelivery() {
    }

    private NotificationDelivery(Channel channel, long alarmId, String body, Instant now) {
        this.channel = channel;
        this.alarmId = alarmId;
        this.body = body;
        this.nextAttemptTs = now;
        this.createdTs = now;
    }

    static NotificationDelivery webhook(long receiverId, long alarmId, String body, Instant now) {
        NotificationDelivery delivery = new NotificationDelivery(Channel.WEBHOOK, alarmId, body, now);
        delivery.receiverId = receiverId;
        return delivery;
    }

    static NotificationDelivery email(String recipients, String subject, long alarmId, String body, Instant now) {
        NotificationDelivery delivery = new NotificationDelivery(Channel.EMAIL, alarmId, body, now);
        delivery.recipients = recipients;
        delivery.subject = subject;
        return delivery;
    }

    public Long getId() {
        return id;
    }

    Channel getChannel() {
        return channel;
    }

    Long getReceiverId() {
        return receiverId;
    }

    String getRecipients() {
        return recipients;
    }

    String getSubject() {
        return subject;
    }

    long getAlarmId() {
        return alarmId;
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
    public record View(long id, String channel, Long receiverId, String recipients, long alarmId, String state, int attempts,
                       String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    View view() {
        return new View(id, channel.name(), receiverId, recipients, alarmId, state.name(), attempts, lastError, createdTs,
                state == State.PENDING ? nextAttemptTs : null, deliveredTs);
    }
}
