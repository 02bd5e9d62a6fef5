package org.vigilvms.jms.analytics;

import java.util.List;

/**
 * Analytics to management, event metadata: one detection on one camera over a time span.
 *
 * @param eventId       unique id given by the analytics service (UUID)
 * @param type          MOTION, TAMPER_COVERED, TAMPER_BLINDED, TAMPER_DEFOCUSED or TAMPER_MOVED
 * @param zone          the zone of a MOTION event; null for tampering (the whole picture)
 * @param startMs       capture time of the first frame that showed it, epoch ms UTC
 * @param endMs         capture time of the last one
 * @param score         0..1: for motion the largest share of the zone that moved, for tampering the confidence
 * @param boxes         where it moved (fractions of the picture), at most a few
 * @param configVersion the configuration version the detection used
 */
public record AnalyticsEvent(String eventId, long cameraId, String type, String zone, long startMs, long endMs, double score,
                             List<Region> boxes, int configVersion) {

    public static final String TYPE = "vigil.AnalyticsEvent/1";
    public static final List<String> TYPES =
            List.of("MOTION", "TAMPER_COVERED", "TAMPER_BLINDED", "TAMPER_DEFOCUSED", "TAMPER_MOVED");
}
