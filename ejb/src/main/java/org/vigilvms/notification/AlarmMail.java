package org.vigilvms.notification;

import java.time.Instant;

/**
 * What an e-mail says about an alarm: like a webhook body, no picture and no credential, enough
 * to act and to find the alarm in the console. Names people typed are made single-line so that
 * they cannot add a header.
 */
public record AlarmMail(String subject, String body) {

    private static final int SUBJECT_MOST = 200;

    public static AlarmMail of(long alarmId, String rule, int priority, String eventType, long cameraId, String cameraName,
                               Instant eventAt, Instant raisedAt) {
        String camera = cameraName == null ? "camera " + cameraId : line(cameraName) + " (camera " + cameraId + ")";
        String subject = "[Vigil] alarm " + alarmId + ", priority " + priority + ": " + line(rule) + " on " + camera;
        if (subject.length() > SUBJECT_MOST) {
            subject = subject.substring(0, SUBJECT_MOST - 3) + "...";
        }
        String body = "Alarm " + alarmId + " was raised by the rule \"" + line(rule) + "\" (priority " + priority + ").\n\n"
                + "Event:  " + line(eventType) + "\n"
                + "Camera: " + camera + "\n"
                + "At:     " + eventAt + "\n"
                + "Raised: " + raisedAt + "\n\n"
                + "Acknowledge and handle it in the Vigil console (Alarms); this message carries no picture.\n";
        return new AlarmMail(subject, body);
    }

    /** Control characters (CR, LF, tab, ...) become spaces. */
    static String line(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
