package org.vigilvms.event;

import java.time.Instant;

/** An event as the API and the console show it; {@code boxes} "x,y,w,h;..." in fractions of the picture. */
public record EventView(String eventId, long cameraId, String type, String zone, Instant start, Instant end, double score,
                        String boxes) {
}
