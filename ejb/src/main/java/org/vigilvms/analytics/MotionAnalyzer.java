package org.vigilvms.analytics;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.Region;

/**
 * Motion and tamper detection on one camera's small grey pictures (about 5 per second).
 * Motion: MOG2 background subtraction, restricted to the zones minus the privacy masks, opened
 * to drop noise; a zone is in motion while at least a sensitivity-dependent share of it differs,
 * and one event covers a motion from its first frame until it has been still for a second: it is
 * reported at its onset and reported again, same id, with its end, score and boxes when it ends.
 * Tampering: nearly all dark (covered), nearly all saturated (blinded), much less detail than
 * learned (defocused), or most of the picture changed for seconds (moved).
 */
final class MotionAnalyzer implements AutoCloseable {

    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    /** Frames the background model learns before motion counts. */
    static final int WARM_UP_FRAMES = 12;
    static final long QUIET_MS = 1000;
    static final long LONGEST_EVENT_MS = 60_000;
    static final long TAMPER_HOLD_MS = 1500;

    /** Where results go: event metadata, and alert metadata made of events already reported. */
    interface Reports {
        void event(AnalyticsEvent event);

        void alert(String kind, long atMs, List<String> eventIds, String detail);
    }

    private final AnalyticsConfiguration config;
    private final Reports reports;
    private BackgroundSubtractorMOG2 background = createBackgroundSubtractorMOG2(100, 25, false);
    /** Set when a reported tampering ended: the scene must be learned again (it may have changed). */
    private boolean relearn;
    private final Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC1);
    private final Mat foreground = new Mat();
    private final Mat kernel = getStructuringElement(MORPH_RECT, new Size(3, 3));
    private final List<ZoneState> zones = new ArrayList<>();
    private final List<TamperState> tampers = new ArrayList<>();
    private final List<String> recentEvents = new ArrayList<>();
    private final double minimumShare;
    private long frames;
    private double referenceDetail;

    MotionAnalyzer(AnalyticsConfiguration config, Reports reports) {
        this.config = config;
        this.reports = reports;
        for (Region zone : config.zones()) {
            Mat mask = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(0));
            fill(mask, zone, 255);
            config.masks().forEach(m -> fill(mask, m, 0));
            zones.add(new ZoneState(zone.name(), mask, Math.max(1, countNonZero(mask))));
        }
        // sensitivity 1..100 -> share of the zone that must move: 10 % .. 0.1 %
        this.minimumShare = 0.10 * Math.pow(0.01, (Math.max(1, Math.min(100, config.sensitivity())) - 1) / 99.0);
        for (String kind : List.of("TAMPER_COVERED", "TAMPER_BLINDED", "TAMPER_DEFOCUSED", "TAMPER_MOVED")) {
            tampers.add(new TamperState(kind));
        }
    }

    /** Analyses one grey picture of {@link #WIDTH} x {@link #HEIGHT} captured at {@code captureMs}. */
    void analyze(byte[] grey, long captureMs) {
        frame.data().put(grey);
        frames++;
        background.apply(frame, foreground, -1);
        morphologyEx(foreground, foreground, MORPH_OPEN, kernel);
        boolean tampered = config.tamper() && checkTamper(grey, captureMs);
        if (relearn) {
            relearn = false;
            background.close();
            background = createBackgroundSubtractorMOG2(100, 25, false);
            frames = 0;
            zones.forEach(z -> z.activeRun = 0);
            return;
        }
        if (frames <= WARM_UP_FRAMES || tampered) {
            return;
        }
        Mat inZone = new Mat();
        for (ZoneState zone : zones) {
            bitwise_and(foreground, zone.mask, inZone);
            double share = countNonZero(inZone) / (double) zone.area;
            zone.observe(share >= minimumShare, share, captureMs, inZone);
        }
        inZone.close();
    }

    private boolean checkTamper(byte[] grey, long captureMs) {
        int dark = 0;
        int bright = 0;
        for (byte b : grey) {
            int v = b & 0xff;
            if (v < 40) {
                dark++;
            } else if (v > 235) {
                bright++;
            }
        }
        double n = grey.length;
        double detail = detail();
        if (frames == WARM_UP_FRAMES) {
            referenceDetail = detail;
        } else if (frames > WARM_UP_FRAMES && referenceDetail > 0) {
            referenceDetail = 0.98 * referenceDetail + 0.02 * detail; // follows slow changes (light), not sudden ones
        }
        boolean covered = dark / n >= 0.85;
        boolean blinded = bright / n >= 0.85;
        boolean defocused = !covered && !blinded && frames > WARM_UP_FRAMES && referenceDetail > 2
                && detail < 0.35 * referenceDetail;
        boolean moved = !covered && !blinded && frames > WARM_UP_FRAMES
                && countNonZero(foreground) / n >= 0.6;
        boolean any = false;
        for (TamperState t : tampers) {
            boolean now = switch (t.kind) {
                case "TAMPER_COVERED" -> covered;
                case "TAMPER_BLINDED" -> blinded;
                case "TAMPER_DEFOCUSED" -> defocused;
                default -> moved;
            };
            any |= t.observe(now, captureMs, now ? (covered ? dark / n : blinded ? bright / n : 0.9) : 0);
        }
        return any;
    }

    private double detail() {
        Mat laplacian = new Mat();
        Mat mean = new Mat();
        Mat deviation = new Mat();
        try {
            Laplacian(frame, laplacian, CV_64F);
            meanStdDev(laplacian, mean, deviation);
            return deviation.createIndexer().getDouble(0);
        } finally {
            laplacian.close();
            mean.close();
            deviation.close();
        }
    }

    private static void fill(Mat mask, Region region, int value) {
        int x = (int) Math.floor(region.x() * WIDTH);
        int y = (int) Math.floor(region.y() * HEIGHT);
        int w = Math.max(1, (int) Math.ceil(region.width() * WIDTH));
        int h = Math.max(1, (int) Math.ceil(region.height() * HEIGHT));
        rectangle(mask, new Rect(x, y, Math.min(w, WIDTH - x), Math.min(h, HEIGHT - y)), new Scalar(value), -1, 8, 0);
    }

    private String report(String type, String zone, long start, long end, double score, List<Region> boxes) {
        return report(UUID.randomUUID().toString(), type, zone, start, end, score, boxes);
    }

    /** Reports an event; the same id again carries its final end, score and boxes (the event is then over). */
    private String report(String id, String type, String zone, long start, long end, double score, List<Region> boxes) {
        reports.event(new AnalyticsEvent(id, config.cameraId(), type, zone, start, end, Math.min(1, score), boxes, config.version()));
        if (recentEvents.contains(id)) {
            return id;
        }
        recentEvents.add(id);
        if (recentEvents.size() > 8) {
            recentEvents.remove(0);
        }
        if (type.startsWith("TAMPER_")) {
            reports.alert(type, end, List.copyOf(recentEvents), "the picture is " + type.substring(7).toLowerCase()
                    + " since " + Instant.ofEpochMilli(start));
            recentEvents.clear();
        }
        return id;
    }

    /** Motion in one zone: from its first frame until a second of stillness. */
    private final class ZoneState {
        final String name;
        final Mat mask;
        final int area;
        long startMs = -1;
        String eventId;
        long lastActiveMs;
        int activeRun;
        long firstActiveMs;
        double bestShare;
        List<Region> bestBoxes = List.of();

        ZoneState(String name, Mat mask, int area) {
            this.name = name;
            this.mask = mask;
            this.area = area;
        }

        void observe(boolean active, double share, long now, Mat moving) {
            if (active) {
                if (activeRun == 0) {
                    firstActiveMs = now;
                }
                activeRun++;
                lastActiveMs = now;
                boolean onset = false;
                if (startMs < 0 && activeRun >= 2) {
                    startMs = firstActiveMs; // two frames in a row: not a flicker
                    onset = true;
                }
                if (startMs >= 0 && share > bestShare) {
                    bestShare = share;
                    bestBoxes = boxes(moving);
                }
                if (onset) {
                    // reported at once (alarms must not wait for the motion to end), completed when it ends
                    eventId = report("MOTION", name, startMs, now, bestShare, bestBoxes);
                }
                if (startMs >= 0 && now - startMs >= LONGEST_EVENT_MS) {
                    finish();
                    startMs = now;
                }
            } else {
                activeRun = 0;
                if (startMs >= 0 && now - lastActiveMs >= QUIET_MS) {
                    finish();
                }
            }
        }

        void finish() {
            report(eventId, "MOTION", name, startMs, lastActiveMs, bestShare, bestBoxes);
            startMs = -1;
            eventId = null;
            bestShare = 0;
            bestBoxes = List.of();
        }
    }

    /** A tamper condition: reported once it has lasted {@link #TAMPER_HOLD_MS}, again only after it ended. */
    private final class TamperState {
        final String kind;
        long sinceMs = -1;
        boolean reported;

        TamperState(String kind) {
            this.kind = kind;
        }

        boolean observe(boolean now, long at, double score) {
            if (!now) {
                if (reported) {
                    relearn = true;
                }
                sinceMs = -1;
                reported = false;
                return false;
            }
            if (sinceMs < 0) {
                sinceMs = at;
            }
            if (!reported && at - sinceMs >= TAMPER_HOLD_MS) {
                reported = true;
                report(kind, null, sinceMs, at, score, List.of());
            }
            return true;
        }
    }

    /** The largest moving blobs as fractions of the picture (at most five). */
    private static List<Region> boxes(Mat moving) {
        MatVector contours = new MatVector();
        Mat copy = moving.clone();
        try {
            findContours(copy, contours, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE, new Point(0, 0));
            List<Rect> rects = new ArrayList<>();
            for (long i = 0; i < contours.size(); i++) {
                Rect r = boundingRect(contours.get(i));
                if (r.width() * r.height() >= 4) {
                    rects.add(r);
                }
            }
            return rects.stream().sorted(Comparator.comparingInt((Rect r) -> r.width() * r.height()).reversed()).limit(5)
                    .map(r -> new Region(null, r.x() / (double) WIDTH, r.y() / (double) HEIGHT,
                            r.width() / (double) WIDTH, r.height() / (double) HEIGHT)).toList();
        } finally {
            copy.close();
            contours.close();
        }
    }

    /** Reports a motion still going on (the camera stops or the configuration changes). */
    @Override
    public void close() {
        for (ZoneState zone : zones) {
            if (zone.startMs >= 0) {
                zone.finish();
            }
            zone.mask.close();
        }
        background.close();
        frame.close();
        foreground.close();
        kernel.close();
    }
}
