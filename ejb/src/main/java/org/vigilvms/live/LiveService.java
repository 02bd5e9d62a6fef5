package org.vigilvms.live;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.ownership.OwnerBook;
import org.vigilvms.platform.NodeName;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.privacy.PrivacyMasks;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/**
 * Hands out live-view tickets to holders of VIEW_LIVE on the camera and says, while a stream
 * runs, whether its viewer still holds that right; viewing itself is audited by the endpoint.
 * The camera's sound goes only to holders of LISTEN: a stream with sound asked for without it
 * carries the pictures only. A viewer without VIEW_UNMASKED on a camera with privacy masks gets
 * its masked stream ({@link LiveStream#masked}), with the sound as anyone gets it, and never its
 * own pictures. A browser that cannot play an H.265 camera gets its pictures encoded again as
 * H.264 ({@link LiveStream#h264}), while this node transcodes fewer than {@link #TRANSCODES} such
 * streams; beyond that the stream is refused with a message saying so. Only the node that records
 * a camera has its live picture: a ticket or live snapshot asked of another node is refused with
 * where the camera is recorded and whether that node is down ({@link RecordedHere}).
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class LiveService {

    /** Where to open the live stream, valid until {@code expiresAt}, in this session only. */
    public record LiveTicket(long cameraId, String path, Instant expiresAt) {
    }

    /**
     * Server property: how many live streams this node transcodes from H.265 to H.264 at once
     * (each costs about a core at 1080p: a decode and an encode). Default: half the cores, at least one.
     */
    public static final String TRANSCODES = "vigil.live.transcodes";

    @Inject
    private AccessControl access;

    @Inject
    private LiveTokens tokens;

    @Inject
    private AuditLog audit;

    @Inject
    private TicketHolders holders;

    @Inject
    private PrivacyMasks privacy;

    @Inject
    private LiveHub hub;

    @Inject
    private OwnerBook owners;

    @Inject
    private NodeName node;

    public LiveTicket ticket(long cameraId, String sessionId) {
        access.require(AccessRight.VIEW_LIVE, cameraId);
        requireRecordedHere(cameraId);
        Caller caller = access.caller();
        String token = tokens.issue(cameraId, caller.name(), sessionId);
        holders.remember(token, caller);
        return new LiveTicket(cameraId, "/live/" + cameraId + "?token=" + token, Instant.now().plus(LiveTokens.LIFETIME));
    }

    /**
     * Refuses (400 with the reason, which the request filter audits) the live picture of a camera
     * that another recorder node records, naming that node and whether it is down.
     */
    public void requireRecordedHere(long cameraId) {
        Optional<String> whyNot = RecordedHere.whyNot(cameraId, owners.ownerOf(cameraId), owners::liveNodes, node.value());
        if (whyNot.isPresent()) {
            throw new RefusedRequestException(whyNot.get());
        }
    }

    /**
     * Whether a live stream opened for {@code viewer} may go on: asked again while it runs, so a
     * right revoked or an account disabled ends the picture too, and LISTEN revoked ends a stream
     * with sound (the console reopens it with the pictures only). An end is audited.
     */
    public boolean mayGoOnWatching(Caller viewer, LiveStream stream) {
        long cameraId = stream.cameraId();
        boolean watching = access.allowed(viewer, AccessRight.VIEW_LIVE, cameraId);
        boolean hearing = !stream.sound() || access.allowed(viewer, AccessRight.LISTEN, cameraId);
        String masking = watching && hearing ? maskingChange(viewer, stream) : null;
        if (watching && hearing && masking == null) {
            return true;
        }
        audit.record(viewer.name(), "live.ended", "camera:" + cameraId, AuditEvent.Outcome.REJECTED,
                access.disabled(viewer) ? "account disabled" : !watching ? "lacks VIEW_LIVE" : !hearing ? "lacks LISTEN" : masking);
        return false;
    }

    /**
     * Why a running stream no longer fits the viewer's masking, or null: masks came on a camera
     * the viewer may not see through. A masked stream goes on (and takes changed masks); it ends
     * when the camera has no masks left, so that the viewer gets the camera's own stream again.
     */
    private String maskingChange(Caller viewer, LiveStream stream) {
        List<Region> masks = privacy.hiddenFrom(viewer, stream.cameraId());
        if (stream.masked()) {
            if (masks.isEmpty()) {
                return "no privacy masks to burn in any more";
            }
            hub.maskWith(stream.cameraId(), masks);
            return null;
        }
        return masks.isEmpty() ? null : "privacy masks apply (lacks VIEW_UNMASKED)";
    }

    /**
     * The stream a viewer gets who asked for the camera's sound or not, in a tile
     * {@code tileWidth} device pixels wide (0: not known), in a browser that plays H.265 or not:
     * made from the camera's sub-stream when that fits the tile ({@link StreamChoice}), else from
     * its main stream, with the sound only when it was asked for and they hold LISTEN on the
     * camera; its masked form when the camera has privacy masks the viewer may not see through,
     * else its H.264 form when the camera sends H.265 and the browser cannot play it. Sound asked
     * for but not given is audited ({@code live.sound}).
     *
     * @throws RefusedRequestException when the stream would need transcoding and this node
     *                                 transcodes as many as {@link #TRANSCODES} already (audited)
     */
    public LiveStream streamFor(Caller viewer, long cameraId, boolean soundAsked, int tileWidth, boolean playsHevc) {
        // a page that plays the sound shows the camera large: its main stream
        LiveStream stream = soundAsked ? LiveStream.pictures(cameraId) : hub.picturesFor(cameraId, tileWidth);
        if (soundAsked) {
            if (access.allowed(viewer, AccessRight.LISTEN, cameraId)) {
                stream = LiveStream.withSound(cameraId);
            } else {
                audit.record(viewer.name(), "live.sound", "camera:" + cameraId, AuditEvent.Outcome.REJECTED, "lacks LISTEN");
            }
        }
        List<Region> masks = privacy.hiddenFrom(viewer, cameraId);
        if (!masks.isEmpty()) {
            hub.maskWith(cameraId, masks);
            return stream.maskedForm();
        }
        if (!playsHevc && hub.hevc(stream)) {
            return transcoded(viewer, stream.h264Form());
        }
        return stream;
    }

    /**
     * {@code h264} if this node may transcode one more stream as things stand (the same stream
     * watched already costs nothing more): a viewer refused here never opens a socket. The limit
     * is held when the viewer joins ({@link #watch}).
     */
    private LiveStream transcoded(Caller viewer, LiveStream h264) {
        int limit = transcodeLimit();
        if (!hub.roomToTranscode(h264, limit)) {
            throw overTranscodeLimit(viewer, h264, limit);
        }
        return h264;
    }

    /**
     * Adds the viewer to the stream {@link #streamFor} chose; an H.264 form of an H.265 camera only
     * within this node's transcode limit, counted and joined in one step ({@link LiveHub#joinTranscoded}).
     *
     * @throws RefusedRequestException when viewers who came at the same time took the last
     *                                 transcodes meanwhile (audited)
     */
    public void watch(Caller viewer, LiveStream stream, LiveHub.Viewer sink) {
        if (!stream.h264()) {
            hub.join(stream, sink);
            return;
        }
        int limit = transcodeLimit();
        if (!hub.joinTranscoded(stream, sink, limit)) {
            throw overTranscodeLimit(viewer, stream, limit);
        }
    }

    private RefusedRequestException overTranscodeLimit(Caller viewer, LiveStream h264, int limit) {
        String why = "this server transcodes at most " + limit + " H.265 live streams at once for browsers without H.265";
        audit.record(viewer.name(), "live.refused", "camera:" + h264.cameraId(), AuditEvent.Outcome.REJECTED, why);
        return new RefusedRequestException(why);
    }

    private static int transcodeLimit() {
        String configured = System.getProperty(TRANSCODES);
        if (configured != null && configured.matches("\\d{1,3}")) {
            return Integer.parseInt(configured);
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Whether the caller will hear the camera live (what the console offers; the stream is decided
     * by {@link #streamFor}): LISTEN, whether the pictures come masked or not.
     */
    public boolean mayListen(long cameraId) {
        return access.allowed(access.caller(), AccessRight.LISTEN, cameraId);
    }

    /** A live stream refused or cut off for a reason other than rights (limits); audited. */
    public void refused(String user, long cameraId, String why) {
        audit.record(user, "live.refused", "camera:" + cameraId, AuditEvent.Outcome.REJECTED, why);
    }

    /** Audits the start or end of a live view (called by the streaming endpoint). */
    public void viewed(String user, long cameraId, boolean started) {
        audit.record(user, started ? "live.start" : "live.stop", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS, null);
    }
}
