package org.vigilvms.analytics;


import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.storage.Segment;
import org.vigilvms.storage.SegmentStore;
import org.vigilvms.video.VideoFiles;

/**
 * Motion search in recordings: the stored segments of a time range are decrypted, decoded and
 * run through the same analyzer as live analytics, with the region drawn on the picture as its
 * only zone — so it finds motion where no analytics was configured when it was recorded. Needs
 * PLAYBACK on the camera; audited. The first {@link MotionAnalyzer#WARM_UP_FRAMES} pictures of the
 * range teach the background, motion in them is not reported.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class RecordedMotionSearch {

    /** A span of the recording with motion in the region. */
    public record MotionSpan(Instant start, Instant end, double score) {
    }

    static final Duration LONGEST_RANGE = Duration.ofHours(1);

    @Inject
    private AccessControl access;

    @Inject
    private SegmentStore store;

    @Inject
    private AuditLog audit;

    @Inject
    private InstallationPaths paths;

    public List<MotionSpan> search(long cameraId, Instant from, Instant to, Region region, int sensitivity) {
        access.require(AccessRight.PLAYBACK, cameraId);
        if (from == null || to == null || !to.isAfter(from) || Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new InvalidRequestException("from before to, at most " + LONGEST_RANGE.toMinutes() + " minutes");
        }
        if (region == null || sensitivity < 1 || sensitivity > 100) {
            throw new InvalidRequestException("a region (fractions of the picture) and a sensitivity 1..100 are required");
        }
        List<Segment> segments = store.overlapping(cameraId, from, to);
        Map<String, AnalyticsEvent> found = new LinkedHashMap<>();
        AnalyticsConfiguration config = new AnalyticsConfiguration(cameraId, 0, true, sensitivity, false,
                List.of(new Region("search", region.x(), region.y(), region.width(), region.height())), List.of(), 0, null);
        Path work = paths.serverData().resolve("search");
        try (MotionAnalyzer analyzer = new MotionAnalyzer(config, new MotionAnalyzer.Reports() {
            @Override
            public void event(AnalyticsEvent event) {
                found.put(event.eventId(), event); // the completion replaces the onset report
            }

            @Override
            public void alert(String kind, long atMs, List<String> eventIds, String detail) {
            }
        })) {
            for (Segment segment : segments) {
                analyse(store.openVerified(segment), work, segment.getStartTs().toEpochMilli(), from, to, analyzer);
            }
        }
        audit.record(access.caller().name(), "motion.searched", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                from + " .. " + to + " in " + region + ": " + found.size() + " spans");
        return found.values().stream().map(e -> new MotionSpan(Instant.ofEpochMilli(e.startMs()), Instant.ofEpochMilli(e.endMs()),
                e.score())).toList();
    }

    /** Decodes one segment file and feeds the analyzer 5 pictures per second of media time inside the range. */
    private static void analyse(byte[] segment, Path work, long segmentStartMs, Instant from, Instant to, MotionAnalyzer analyzer) {
        long[] lastMs = {Long.MIN_VALUE};
        try (GreyPictures grey = new GreyPictures()) {
            VideoFiles.decode(segment, work, true, (frame, mediaMs) -> {
                long at = segmentStartMs + mediaMs;
                if (at >= from.toEpochMilli() && at <= to.toEpochMilli()
                        && (lastMs[0] == Long.MIN_VALUE || at - lastMs[0] >= FrameFeed.INTERVAL_MS)) {
                    lastMs[0] = at;
                    analyzer.analyze(grey.of(frame), at);
                }
                return true;
            });
        }
    }
}
