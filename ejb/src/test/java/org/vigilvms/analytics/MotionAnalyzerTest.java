package org.vigilvms.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.Region;

/**
 * The analyzer on synthetic 160x90 pictures at 5 per second (real OpenCV): a textured, noisy
 * still scene; a moving block inside a zone, between zones, under a mask; a covered lens.
 */
class MotionAnalyzerTest {

    private static final int W = MotionAnalyzer.WIDTH;
    private static final int H = MotionAnalyzer.HEIGHT;
    private static final AnalyticsConfiguration CONFIG = new AnalyticsConfiguration(7, 1, true, 60, true,
            List.of(new Region("door", 0.55, 0.2, 0.4, 0.6), new Region("yard", 0.05, 0.2, 0.4, 0.6)),
            List.of(new Region("neighbour", 0.05, 0.55, 0.2, 0.25)), 0, null);

    private final List<AnalyticsEvent> events = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final Random random = new Random(3);
    private long now = 1_000_000;

    private MotionAnalyzer analyzer() {
        return new MotionAnalyzer(CONFIG, new MotionAnalyzer.Reports() {
            @Override
            public void event(AnalyticsEvent event) {
                events.add(event);
            }

            @Override
            public void alert(String kind, long atMs, List<String> eventIds, String detail) {
                alerts.add(kind + eventIds);
            }
        });
    }

    /** Runs {@code seconds} of pictures (5 per second) with an intruder in (x, y, w, h) or none, covered or not. */
    private void run(MotionAnalyzer analyzer, double seconds, double[] intruder, boolean covered) {
        for (int i = 0; i < seconds * 5; i++) {
            byte[] picture = new byte[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int shade = covered ? 20 : ((((x >> 3) ^ (y >> 3)) & 1) == 0 ? 80 : 150) + random.nextInt(5) - 2;
                    picture[y * W + x] = (byte) shade;
                }
            }
            if (intruder != null && !covered) {
                int bx = (int) (intruder[0] * W) + (int) ((now / 200) % 3) * 3;
                int by = (int) (intruder[1] * H);
                for (int y = by; y < by + (int) (intruder[3] * H / 2); y++) {
                    for (int x = bx; x < bx + (int) (intruder[2] * W / 2); x++) {
                        picture[y * W + x] = (byte) ((((x + now / 200) >> 1) & 1) == 0 ? 250 : 5);
                    }
                }
            }
            analyzer.analyze(picture, now);
            now += 200;
        }
    }

    @Test
    void motionInAZoneIsOneEventWithItsZoneAndStart() {
        try (MotionAnalyzer analyzer = analyzer()) {
            run(analyzer, 4, null, false);
            long onset = now;
            run(analyzer, 2, new double[] {0.65, 0.3, 0.2, 0.35}, false);
            run(analyzer, 3, null, false);
            assertEquals(2, events.size(), "reported at its onset and completed at its end: " + events);
            assertEquals(events.get(0).eventId(), events.get(1).eventId());
            AnalyticsEvent event = events.get(1);
            assertEquals("door", event.zone());
            assertTrue(Math.abs(event.startMs() - onset) <= 400, "start " + (event.startMs() - onset) + " ms");
            assertTrue(events.get(0).endMs() - onset <= 600, "onset reported within 3 pictures");
            assertTrue(event.endMs() - event.startMs() >= 1400, "the end is the last moving picture: " + event);
            assertTrue(event.boxes().stream().allMatch(b -> b.x() >= 0.55), event.boxes().toString());
        }
    }

    @Test
    void motionBetweenZonesOrUnderAMaskIsNoEvent() {
        try (MotionAnalyzer analyzer = analyzer()) {
            run(analyzer, 4, null, false);
            run(analyzer, 3, new double[] {0.46, 0.3, 0.08, 0.35}, false);
            run(analyzer, 3, new double[] {0.07, 0.6, 0.15, 0.15}, false);
            run(analyzer, 3, null, false);
            assertEquals(List.of(), events);
        }
    }

    @Test
    void aCoveredLensIsATamperEventAndAnAlertAndTheSceneIsLearnedAgainAfter() {
        try (MotionAnalyzer analyzer = analyzer()) {
            run(analyzer, 4, null, false);
            run(analyzer, 3, null, true);
            assertEquals(List.of("TAMPER_COVERED"), events.stream().map(AnalyticsEvent::type).toList());
            assertEquals(1, alerts.size());
            assertTrue(alerts.get(0).startsWith("TAMPER_COVERED[" + events.get(0).eventId()), alerts.toString());
            run(analyzer, 6, null, false); // uncovered: no motion, no "moved" from the sudden change back
            assertEquals(1, events.size(), events.toString());
        }
    }
}
