package org.vigilvms.jms.analytics;

import java.util.List;

/**
 * Analytics to management, alert metadata: a conclusion drawn from several events (for example
 * "camera tampered": the tamper event and the motion events that led up to it).
 *
 * @param kind     the alert, named like the event type that concluded it (e.g. TAMPER_COVERED)
 * @param eventIds the events it is made of; they were sent before it
 */
public record AnalyticsAlert(String alertId, long cameraId, String kind, long atMs, List<String> eventIds, String detail) {

    public static final String TYPE = "vigil.AnalyticsAlert/1";
}
