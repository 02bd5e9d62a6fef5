package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.camera.InvalidCameraException;

/** Grants and revokes rights (MANAGE_USERS, audited) and shows a caller's effective rights with their source. */
@PermitAll // authorization per call through AccessControl
@Stateless
public class GrantService {

    /** Names as directories and Vigil spell them; nothing that could carry an injection. */
    private static final Pattern SUBJECT = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,255}");

    /** A grant as administrators see and send it. */
    public record GrantView(Long id, AccessGrant.SubjectKind subjectKind, String subject, AccessRight right,
                            Long cameraId, String site, int ptzPriority, String grantedBy) {
        static GrantView of(AccessGrant g) {
            return new GrantView(g.getId(), g.getSubjectKind(), g.getSubject(), g.getRight(), g.getCameraId(), g.getSite(),
                    g.getPtzPriority(), g.getGrantedBy());
        }
    }

    /** One right the caller holds, on what, and which grant (or local role) gives it. */
    public record EffectiveRight(AccessRight right, String scope, String source) {
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    public GrantView grant(GrantView request) {
        access.require(AccessRight.MANAGE_USERS);
        if (request == null || request.subjectKind() == null || request.right() == null) {
            throw new InvalidCameraException("subjectKind (USER, GROUP, ROLE), subject and right are required");
        }
        String subject = request.subject() == null ? "" : request.subject().trim();
        if (!SUBJECT.matcher(subject).matches()) {
            throw new InvalidCameraException("subject: 1-255 letters, digits, spaces or ._@- only");
        }
        if (request.cameraId() != null && request.site() != null) {
            throw new InvalidCameraException("a grant is on one camera or one site, not both");
        }
        if (request.cameraId() != null && em.find(Camera.class, request.cameraId()) == null) {
            throw new InvalidCameraException("no camera " + request.cameraId());
        }
        if (request.site() != null && !SUBJECT.matcher(request.site()).matches()) {
            throw new InvalidCameraException("site: 1-128 letters, digits, spaces or ._@- only");
        }
        if (request.ptzPriority() < 0 || request.ptzPriority() > 100) {
            throw new InvalidCameraException("ptzPriority must be 0..100");
        }
        String by = access.caller().name();
        AccessGrant grant = new AccessGrant(request.subjectKind(), subject, request.right(), request.cameraId(),
                request.site(), request.ptzPriority(), by, clock.instant());
        em.persist(grant);
        audit.record(by, "rights.granted", request.subjectKind() + ":" + subject, AuditEvent.Outcome.SUCCESS,
                request.right() + " on " + scope(grant));
        return GrantView.of(grant);
    }

    public void revoke(long grantId) {
        access.require(AccessRight.MANAGE_USERS);
        AccessGrant grant = em.find(AccessGrant.class, grantId);
        if (grant == null) {
            throw new InvalidCameraException("no grant " + grantId);
        }
        em.remove(grant);
        audit.record(access.caller().name(), "rights.revoked", grant.getSubjectKind() + ":" + grant.getSubject(),
                AuditEvent.Outcome.SUCCESS, grant.getRight() + " on " + scope(grant));
    }

    public List<GrantView> list() {
        access.require(AccessRight.MANAGE_USERS);
        return em.createQuery("SELECT g FROM AccessGrant g ORDER BY g.id", AccessGrant.class).getResultList().stream()
                .map(GrantView::of).toList();
    }

    /** The caller's own rights and where each comes from (any signed-in user may ask). */
    public List<EffectiveRight> mine() {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            throw new AccessDeniedException("not signed in");
        }
        List<EffectiveRight> rights = new ArrayList<>();
        if (caller.localAdmin()) {
            for (AccessRight right : AccessRight.values()) {
                rights.add(new EffectiveRight(right, "all cameras", "local role admin"));
            }
            return rights;
        }
        for (AccessGrant g : access.grantsOf(caller, null)) {
            rights.add(new EffectiveRight(g.getRight(), scope(g), "grant " + g.getId() + " to "
                    + g.getSubjectKind().name().toLowerCase() + " " + g.getSubject()));
        }
        return rights;
    }

    private static String scope(AccessGrant g) {
        return g.getCameraId() != null ? "camera " + g.getCameraId() : g.getSite() != null ? "site " + g.getSite() : "all cameras";
    }
}
