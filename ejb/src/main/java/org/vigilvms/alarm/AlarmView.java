package org.vigilvms.alarm;

import java.time.Instant;

/** An alarm as operators see it (API, console, push). */
public record AlarmView(long id, String rule, long cameraId, String cameraName, String eventId, String eventType, int priority,
                        String state, Instant eventAt, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
                        String acknowledgeComment, String closedBy, Instant closedAt, String closeComment, Instant escalatedAt) {
}
