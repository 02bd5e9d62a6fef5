package org.vigilvms.rights;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.AccessGrant;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;
import org.vigilvms.security.CameraSites;

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

    @Inject
    private CameraSites cameras;

    @Inject
    private FourEyes fourEyes;

    public GrantView grant(GrantView request) {
        requireChangeRight();
        GrantView valid = validated(request);
        if (fourEyes.required(FourEyes.RIGHTS_CHANGE)) {
            Map<String, String> payload = new LinkedHashMap<>();
            payload.put("op", "grant");
            payload.put("kind", valid.subjectKind().name());
            payload.put("subject", valid.subject());
            payload.put("right", valid.right().name());
            payload.put("camera", valid.cameraId() == null ? null : String.valueOf(valid.cameraId()));
            payload.put("site", valid.site());
            payload.put("priority", String.valueOf(valid.ptzPriority()));
            fourEyes.hold(FourEyes.RIGHTS_CHANGE, valid.subjectKind() + ":" + valid.subject(), payload,
                    "grant " + valid.right() + " to " + valid.subjectKind() + " " + valid.subject()
                            + (valid.cameraId() != null ? " on camera " + valid.cameraId() : valid.site() != null ? " on site " + valid.site() : ""));
        }
        return doGrant(valid, access.caller().name());
    }

    public void revoke(long grantId) {
        requireChangeRight();
        AccessGrant grant = em.find(AccessGrant.class, grantId);
        if (grant == null) {
            throw new InvalidRequestException("no grant " + grantId);
        }
        if (fourEyes.required(FourEyes.RIGHTS_CHANGE)) {
            fourEyes.hold(FourEyes.RIGHTS_CHANGE, grant.getSubjectKind() + ":" + grant.getSubject(),
                    Map.of("op", "revoke", "grant", String.valueOf(grantId)),
                    "revoke " + grant.getRight() + " of " + grant.getSubjectKind() + " " + grant.getSubject() + " on " + scope(grant));
        }
        doRevoke(grant, access.caller().name());
    }

    public void requireChangeRight() {
        access.require(AccessRight.MANAGE_USERS);
    }

    /** Four eyes: the approver (the caller) needs MANAGE_USERS too. */
    public void changeApproved(Map<String, String> payload, String requester) {
        requireChangeRight();
        String by = requester + ", approved by " + access.caller().name();
        if ("revoke".equals(payload.get("op"))) {
            AccessGrant grant = em.find(AccessGrant.class, Long.parseLong(payload.get("grant")));
            if (grant == null) {
                throw new InvalidRequestException("the grant was removed meanwhile");
            }
            doRevoke(grant, by);
        } else {
            doGrant(validated(new GrantView(null, AccessGrant.SubjectKind.valueOf(payload.get("kind")), payload.get("subject"),
                    AccessRight.valueOf(payload.get("right")), payload.get("camera") == null ? null : Long.valueOf(payload.get("camera")),
                    payload.get("site"), Integer.parseInt(payload.get("priority")), null)), by);
        }
    }

    private GrantView validated(GrantView request) {
        if (request == null || request.subjectKind() == null || request.right() == null) {
            throw new InvalidRequestException("subjectKind (USER, GROUP, ROLE), subject and right are required");
        }
        String subject = request.subject() == null ? "" : request.subject().trim();
        if (!SUBJECT.matcher(subject).matches()) {
            throw new InvalidRequestException("subject: 1-255 letters, digits, spaces or ._@- only");
        }
        if (request.cameraId() != null && request.site() != null) {
            throw new InvalidRequestException("a grant is on one camera or one site, not both");
        }
        if (request.cameraId() != null && cameras.find(request.cameraId()).isEmpty()) {
            throw new InvalidRequestException("no camera " + request.cameraId());
        }
        if (request.site() != null && !SUBJECT.matcher(request.site()).matches()) {
            throw new InvalidRequestException("site: 1-128 letters, digits, spaces or ._@- only");
        }
        if (request.ptzPriority() < 0 || request.ptzPriority() > 100) {
            throw new InvalidRequestException("ptzPriority must be 0..100");
        }
        return new GrantView(null, request.subjectKind(), subject, request.right(), request.cameraId(), request.site(),
                request.ptzPriority(), null);
    }

    private GrantView doGrant(GrantView valid, String by) {
        AccessGrant grant = new AccessGrant(valid.subjectKind(), valid.subject(), valid.right(), valid.cameraId(),
                valid.site(), valid.ptzPriority(), by, clock.instant());
        em.persist(grant);
        audit.record(access.caller().name(), "rights.granted", valid.subjectKind() + ":" + valid.subject(), AuditEvent.Outcome.SUCCESS,
                valid.right() + " on " + scope(grant) + " by " + by);
        return GrantView.of(grant);
    }

    private void doRevoke(AccessGrant grant, String by) {
        em.remove(grant);
        audit.record(access.caller().name(), "rights.revoked", grant.getSubjectKind() + ":" + grant.getSubject(),
                AuditEvent.Outcome.SUCCESS, grant.getRight() + " on " + scope(grant) + " by " + by);
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
        return effectiveFor(caller);
    }

    /** The rights {@code who} holds and where each comes from (for the directory pages: asked by an administrator). */
    public List<EffectiveRight> effectiveFor(Caller who) {
        List<EffectiveRight> rights = new ArrayList<>();
        if (who.localAdmin()) {
            for (AccessRight right : AccessRight.values()) {
                rights.add(new EffectiveRight(right, "all cameras", "local role admin"));
            }
            return rights;
        }
        for (AccessGrant g : access.grantsOf(who, null)) {
            rights.add(new EffectiveRight(g.getRight(), scope(g), "grant " + g.getId() + " to "
                    + g.getSubjectKind().name().toLowerCase() + " " + g.getSubject()));
        }
        return rights;
    }


    private static String scope(AccessGrant g) {
        return g.getCameraId() != null ? "camera " + g.getCameraId() : g.getSite() != null ? "site " + g.getSite() : "all cameras";
    }
}
