package org.vigilvms.playback;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.privacy.MaskingCapacity;
import org.vigilvms.privacy.PrivacyMasks;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.storage.Segment;
import org.vigilvms.storage.SegmentStore;
import org.vigilvms.video.MaskedVideo;
import org.vigilvms.video.SegmentCodec;
import org.vigilvms.video.SoundlessSegment;

/**
 * Playback of stored video (X.1453 F3): needs PLAYBACK on the camera for every call, checked
 * here and not only in the console; opening a range is audited. The camera's sound goes only to
 * holders of LISTEN; everyone else gets the same pictures without it. Holders of VIEW_UNMASKED see
 * the pictures as recorded; everyone else with the camera's privacy masks burned in. A browser
 * that cannot play H.265 gets an H.265 segment transcoded to H.264 for it alone (the recording
 * stays as it is), within the node's {@link MaskingCapacity}.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class PlaybackService {

    /** Segments closer than this are one span on the timeline. */
    static final Duration JOIN = Duration.ofMillis(500);
    static final Duration LONGEST_RANGE = Duration.ofDays(7);

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private SegmentStore store;

    @Inject
    private AuditLog audit;

    @Inject
    private PrivacyMasks privacy;

    @Inject
    private MaskingCapacity capacity;

    @Inject
    private InstallationPaths paths;

    public Recordings recordings(long cameraId, Instant from, Instant to) {
        access.require(AccessRight.PLAYBACK, cameraId);
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidRequestException("from and to are required, from before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new InvalidRequestException("at most " + LONGEST_RANGE.toDays() + " days at a time");
        }
        List<Segment> segments = store.overlapping(cameraId, from, to);
        List<Recordings.Span> spans = new ArrayList<>();
        List<Recordings.SegmentRef> refs = new ArrayList<>();
        Instant spanStart = null;
        Instant spanEnd = null;
        for (Segment s : segments) {
            refs.add(new Recordings.SegmentRef(s.getChainSeq(), s.getStartTs(), s.getEndTs(), s.getFrames()));
            if (spanEnd != null && s.getStartTs().isAfter(spanEnd.plus(JOIN))) {
                spans.add(new Recordings.Span(spanStart, spanEnd));
                spanStart = null;
            }
            if (spanStart == null) {
                spanStart = s.getStartTs();
            }
            spanEnd = spanEnd == null || s.getEndTs().isAfter(spanEnd) ? s.getEndTs() : spanEnd;
        }
        if (spanStart != null) {
            spans.add(new Recordings.Span(spanStart, spanEnd));
        }
        boolean sound = mayListen(cameraId);
        int masks = privacy.hiddenFromCaller(cameraId).size();
        audit.record(access.caller().name(), "playback.opened", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                from + " .. " + to + (sound ? "" : "; pictures only: lacks LISTEN")
                        + (masks == 0 ? "" : "; " + masks + " privacy masks burned in (lacks VIEW_UNMASKED)"));
        return new Recordings(cameraId, from, to, List.copyOf(spans), List.copyOf(refs), sound);
    }

    /**
     * One stored segment, decrypted and verified against its indexed hash (fragmented MP4); for a
     * caller without LISTEN on the camera, with its sound taken out ({@link SoundlessSegment}); for
     * a caller without VIEW_UNMASKED, with the camera's privacy masks burned in ({@link MaskedVideo},
     * within this node's {@link MaskingCapacity}); for a client that does not play H.265
     * ({@code playsHevc} false), an H.265 segment transcoded to H.264 (the same way, with no mask).
     */
    public byte[] segment(long cameraId, long chainSeq, boolean playsHevc) {
        access.require(AccessRight.PLAYBACK, cameraId);
        List<Segment> found = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c AND s.chainSeq = :q "
                        + "AND s.retiredTs IS NULL", Segment.class)
                .setParameter("c", cameraId).setParameter("q", chainSeq).getResultList();
        if (found.isEmpty()) {
            throw new InvalidRequestException("camera " + cameraId + " has no stored segment " + chainSeq);
        }
        byte[] segment = store.openVerified(found.get(0));
        boolean sound = mayListen(cameraId);
        List<Region> masks = privacy.hiddenFromCaller(cameraId);
        if (!masks.isEmpty() || !playsHevc && SegmentCodec.hevc(segment)) {
            return capacity.run(() -> MaskedVideo.of(segment, masks, sound, paths.serverData().resolve("masking")));
        }
        return sound ? segment : SoundlessSegment.of(segment);
    }

    private boolean mayListen(long cameraId) {
        return access.allowed(access.caller(), AccessRight.LISTEN, cameraId);
    }
}
