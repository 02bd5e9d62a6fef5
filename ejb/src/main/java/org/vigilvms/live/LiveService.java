package org.vigilvms.live;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/** Hands out live-view tickets to holders of VIEW_LIVE on the camera; viewing itself is audited by the endpoint. */
@PermitAll // authorization per call through AccessControl
@Stateless
public class LiveService {

    /** Where to open the live stream, valid until {@code expiresAt}, in this session only. */
    public record LiveTicket(long cameraId, String path, Instant expiresAt) {
    }

    @Inject
    private AccessControl access;

    @Inject
    private LiveTokens tokens;

    @Inject
    private AuditLog audit;

    public LiveTicket ticket(long cameraId, String sessionId) {
        access.require(AccessRight.VIEW_LIVE, cameraId);
        String token = tokens.issue(cameraId, access.caller().name(), sessionId);
        return new LiveTicket(cameraId, "/live/" + cameraId + "?token=" + token, Instant.now().plus(LiveTokens.LIFETIME));
    }

    /** Audits the start or end of a live view (called by the streaming endpoint). */
    public void viewed(String user, long cameraId, boolean started) {
        audit.record(user, started ? "live.start" : "live.stop", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS, null);
    }
}
