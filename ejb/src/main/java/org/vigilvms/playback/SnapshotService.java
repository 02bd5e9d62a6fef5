package org.vigilvms.playback;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.live.LiveHub;
import org.vigilvms.live.LiveService;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.privacy.PrivacyMasks;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.storage.Segment;
import org.vigilvms.storage.SegmentStore;
import org.vigilvms.video.MaskArea;
import org.vigilvms.video.MaskPainter;
import org.vigilvms.video.StillPicture;
import org.vigilvms.video.VideoFiles;

/**
 * Still pictures (JPEG) of a camera: the live picture (VIEW_LIVE) or the frame recorded at an
 * instant (PLAYBACK; the frame on screen then, from the stored segment, decrypted and
 * hash-checked). Decoded on the server from the same packets that are recorded; the camera's
 * privacy masks burned in for callers without VIEW_UNMASKED ({@link PrivacyMasks}); audited.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class SnapshotService {

    /** A still: the JPEG and the instant of its frame (for a live one: when it was taken). */
    public record Snapshot(long cameraId, Instant at, byte[] jpeg) {
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private SegmentStore store;

    @Inject
    private LiveHub live;

    @Inject
    private LiveService liveService;

    @Inject
    private AuditLog audit;

    @Inject
    private InstallationPaths paths;

    @Inject
    private Clock clock;

    @Inject
    private PrivacyMasks privacy;

    /** The camera's picture now: the last frame of the current picture group. */
    public Snapshot live(long cameraId) {
        access.require(AccessRight.VIEW_LIVE, cameraId);
        liveService.requireRecordedHere(cameraId);
        byte[] group;
        try {
            group = live.awaitPictureGroup(cameraId, Duration.ofSeconds(2))
                    .orElseThrow(() -> new InvalidRequestException("camera " + cameraId + " is not streaming now"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidRequestException("interrupted while waiting for the live picture of camera " + cameraId);
        }
        Instant taken = clock.instant();
        List<Region> masks = privacy.hiddenFromCaller(cameraId);
        byte[] jpeg = onScreen(group, Long.MAX_VALUE, cameraId, masks).jpeg();
        audit.record(access.caller().name(), "snapshot.taken", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                "live" + masked(masks));
        return new Snapshot(cameraId, taken, jpeg);
    }

    /**
     * The frame on screen at {@code at}: the last one recorded at or before it (the first of the
     * segment when {@code at} falls just before it), from the segment that holds {@code at}.
     */
    public Snapshot recorded(long cameraId, Instant at) {
        access.require(AccessRight.PLAYBACK, cameraId);
        if (at == null) {
            throw new InvalidRequestException("at is required");
        }
        List<Segment> found = em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.startTs <= :at AND s.endTs > :at
                  AND s.retiredTs IS NULL ORDER BY s.startTs DESC""", Segment.class)
                .setParameter("c", cameraId).setParameter("at", at).setMaxResults(1).getResultList();
        if (found.isEmpty()) {
            throw new InvalidRequestException("camera " + cameraId + " has nothing recorded at " + at);
        }
        Segment segment = found.get(0);
        long startMs = segment.getStartTs().toEpochMilli();
        List<Region> masks = privacy.hiddenFromCaller(cameraId);
        Still still = onScreen(store.openVerified(segment), at.toEpochMilli() - startMs, cameraId, masks);
        Instant shown = Instant.ofEpochMilli(startMs + still.mediaMs());
        byte[] jpeg = still.jpeg();
        audit.record(access.caller().name(), "snapshot.taken", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                "recorded " + shown + masked(masks));
        return new Snapshot(cameraId, shown, jpeg);
    }

    private record Still(byte[] jpeg, long mediaMs) {
    }

    private static String masked(List<Region> masks) {
        return masks.isEmpty() ? "" : "; " + masks.size() + " privacy masks burned in (lacks VIEW_UNMASKED)";
    }

    /**
     * The JPEG of the frame on screen at {@code untilMediaMs} (from the file's start): the last
     * frame at or before it, or the first frame when all are later; {@code masks} burned in.
     */
    private Still onScreen(byte[] mp4, long untilMediaMs, long cameraId, List<Region> masks) {
        long[] frameMs = {-1};
        AVFrame onScreen = av_frame_alloc();
        try (StillPicture still = new StillPicture()) {
            VideoFiles.decode(mp4, paths.serverData().resolve("stills"), false, (frame, mediaMs) -> {
                if (frameMs[0] >= 0 && mediaMs > untilMediaMs) {
                    return false; // the frame before this one was on screen
                }
                av_frame_unref(onScreen);
                av_frame_ref(onScreen, frame); // holds the decoded picture without copying or converting it
                frameMs[0] = mediaMs;
                return true;
            });
            if (frameMs[0] < 0) {
                throw new InvalidRequestException("camera " + cameraId + ": no frame could be decoded");
            }
            MaskPainter.paint(onScreen, MaskArea.of(masks, onScreen.width(), onScreen.height()));
            still.keep(onScreen);
            return new Still(still.jpeg(), frameMs[0]);
        } finally {
            av_frame_free(onScreen);
        }
    }
}
