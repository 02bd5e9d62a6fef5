package org.vigilvms.analytics;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.InvalidCameraException;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.storage.Segment;
import org.vigilvms.storage.SegmentStore;

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

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

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
            throw new InvalidCameraException("from before to, at most " + LONGEST_RANGE.toMinutes() + " minutes");
        }
        if (region == null || sensitivity < 1 || sensitivity > 100) {
            throw new InvalidCameraException("a region (fractions of the picture) and a sensitivity 1..100 are required");
        }
        List<Segment> segments = em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.startTs < :to AND s.endTs > :from
                  AND s.retiredTs IS NULL ORDER BY s.startTs""", Segment.class)
                .setParameter("c", cameraId).setParameter("from", from).setParameter("to", to).getResultList();
        Map<String, AnalyticsEvent> found = new LinkedHashMap<>();
        AnalyticsConfiguration config = new AnalyticsConfiguration(cameraId, 0, true, sensitivity, false,
                List.of(new Region("search", region.x(), region.y(), region.width(), region.height())), List.of(), 0, null);
        Path work;
        try {
            work = Files.createDirectories(paths.serverData().resolve("search"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the search folder: " + e.getMessage(), e);
        }
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
                byte[] clear = store.openVerified(segment);
                Path file = work.resolve(cameraId + "-" + segment.getChainSeq() + "-" + System.nanoTime() + ".mp4");
                try {
                    Files.write(file, clear);
                    analyse(file, segment.getStartTs().toEpochMilli(), from, to, analyzer);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read segment " + segment.getChainSeq() + ": " + e.getMessage(), e);
                } finally {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // the search folder is the server's own; a leftover is overwritten by no one
                    }
                }
            }
        }
        audit.record(access.caller().name(), "motion.searched", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                from + " .. " + to + " in " + region + ": " + found.size() + " spans");
        return found.values().stream().map(e -> new MotionSpan(Instant.ofEpochMilli(e.startMs()), Instant.ofEpochMilli(e.endMs()),
                e.score())).toList();
    }

    /** Decodes one segment file and feeds the analyzer 5 pictures per second of media time inside the range. */
    private static void analyse(Path file, long segmentStartMs, Instant from, Instant to, MotionAnalyzer analyzer) {
        AVFormatContext input = new AVFormatContext(null);
        if (avformat_open_input(input, file.toString(), null, (AVDictionary) null) < 0 || input.nb_streams() < 1) {
            throw new IllegalStateException("not a readable segment");
        }
        AVCodecContext codec = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (GreyPictures grey = new GreyPictures()) {
            codec = AnalyticsDecoder.openDecoder(input.streams(0).codecpar());
            AVRational base = input.streams(0).time_base();
            long lastMs = Long.MIN_VALUE;
            while (av_read_frame(input, packet) >= 0) {
                try {
                    if (packet.stream_index() != 0 || avcodec_send_packet(codec, packet) < 0) {
                        continue;
                    }
                    while (avcodec_receive_frame(codec, frame) >= 0) {
                        long pts = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
                        long at = segmentStartMs + av_rescale_q(pts, base, av_make_q(1, 1000));
                        if (at < from.toEpochMilli() || at > to.toEpochMilli()
                                || (lastMs != Long.MIN_VALUE && at - lastMs < FrameFeed.INTERVAL_MS)) {
                            continue;
                        }
                        lastMs = at;
                        analyzer.analyze(grey.of(frame), at);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (codec != null) {
                avcodec_free_context(codec);
            }
            avformat_close_input(input);
        }
    }
}
