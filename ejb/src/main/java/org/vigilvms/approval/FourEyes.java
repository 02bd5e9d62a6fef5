package org.vigilvms.approval;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.FreeText;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.Caller;

/**
 * Four eyes for sensitive actions, switched on per action by {@code vigil.four.eyes} (read per
 * request): a comma list of {@value #EVIDENCE_RELEASE}, {@value #RIGHTS_CHANGE},
 * {@value #RECORDING_DELETE}, or {@code all}; default none. The owning service checks the
 * requester's right, validates, then {@link #hold}s the action; a second person's
 * {@link #approve} makes the owning package's {@link HeldAction} check the approver's right and
 * carry it out.
 */
@PermitAll // the owning services check the rights of requester and approver
@Stateless
public class FourEyes {

    public static final String EVIDENCE_RELEASE = "evidence.release";
    public static final String RIGHTS_CHANGE = "rights.change";
    public static final String RECORDING_DELETE = "recording.delete";
    /** Every action that can be made to wait for a second person. */
    public static final List<String> ACTIONS = List.of(EVIDENCE_RELEASE, RIGHTS_CHANGE, RECORDING_DELETE);
    static final String PROPERTY = "vigil.four.eyes";

    /** A request as listed for deciding. */
    public record ApprovalView(UUID id, String action, String target, String summary, String requestedBy, Instant requestedAt,
                               ApprovalRequest.State state, String decidedBy) {
        static ApprovalView of(ApprovalRequest r) {
            return new ApprovalView(r.getId(), r.getAction(), r.getTarget(), r.getSummary(), r.getRequestedBy(), r.getRequestedTs(),
                    r.getState(), r.getDecidedBy());
        }
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
    private Instance<HeldAction> actions;

    /** Whether {@code action} needs a second person now. */
    public boolean required(String action) {
        String setting = System.getProperty(PROPERTY, "none").toLowerCase(Locale.ROOT);
        return "all".equals(setting.trim()) || Arrays.stream(setting.split(",")).map(String::trim).anyMatch(action::equals);
    }

    /** Stores the request and stops the caller's action with {@link ApprovalRequiredException}. */
    public void hold(String action, String target, Map<String, String> payload, String summary) {
        String by = access.caller().name();
        ApprovalRequest request = new ApprovalRequest(action, target, encode(payload), summary, by, clock.instant());
        em.persist(request);
        audit.record(by, "approval.requested", target, AuditEvent.Outcome.SUCCESS, action + ": " + summary + " (" + request.getId() + ")");
        throw new ApprovalRequiredException(request.getId(), summary);
    }

    /**
     * Pending requests of others that the caller may decide: what is asked (whose rights change,
     * which recordings go, which evidence is released) is itself worth protecting, so nobody else
     * sees it. Deciding checks the right again.
     */
    public List<ApprovalView> pending() {
        Caller me = access.caller();
        return em.createQuery("SELECT r FROM ApprovalRequest r WHERE r.state = :s ORDER BY r.requestedTs", ApprovalRequest.class)
                .setParameter("s", ApprovalRequest.State.PENDING).setMaxResults(500).getResultList().stream()
                .filter(r -> !r.getRequestedBy().equals(me.name()) && mayDecide(me, r)).map(ApprovalView::of).toList();
    }

    /** The right that deciding on the request needs, held by {@code caller} (without auditing: this is a listing). */
    private boolean mayDecide(Caller caller, ApprovalRequest request) {
        return actions.stream().filter(a -> a.action().equals(request.getAction())).anyMatch(a -> a.mayDecide(caller, request.getTarget()));
    }

    private HeldAction actionOf(ApprovalRequest request) {
        return actions.stream().filter(a -> a.action().equals(request.getAction())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown action " + request.getAction()));
    }

    /** A second person approves: the owning service checks their right and carries the action out. */
    public ApprovalView approve(UUID id) {
        ApprovalRequest request = decidable(id);
        String approver = access.caller().name();
        Map<String, String> payload = decode(request.getPayload());
        actionOf(request).perform(payload, request.getRequestedBy());
        request.decide(ApprovalRequest.State.APPROVED, approver, clock.instant(), null);
        audit.record(approver, "approval.approved", request.getTarget(), AuditEvent.Outcome.SUCCESS,
                request.getAction() + " asked by " + request.getRequestedBy() + ": " + request.getSummary());
        return ApprovalView.of(request);
    }

    /** A second person refuses; they must hold the right the action needs, like an approver. */
    public ApprovalView reject(UUID id, String comment) {
        ApprovalRequest request = decidable(id);
        if (comment == null || comment.isBlank() || comment.length() > 1024) {
            throw new InvalidRequestException("a comment (why) is required, at most 1024 characters");
        }
        String text = FreeText.problem("the comment", comment);
        if (text != null) {
            throw new InvalidRequestException(text);
        }
        Map<String, String> payload = decode(request.getPayload());
        actionOf(request).requireDecideRight(payload);
        String by = access.caller().name();
        request.decide(ApprovalRequest.State.REJECTED, by, clock.instant(), comment.trim());
        audit.record(by, "approval.rejected", request.getTarget(), AuditEvent.Outcome.SUCCESS,
                request.getAction() + " asked by " + request.getRequestedBy() + ": " + comment.trim());
        return ApprovalView.of(request);
    }

    private ApprovalRequest decidable(UUID id) {
        ApprovalRequest request = id == null ? null : em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new InvalidRequestException("no approval request " + id);
        }
        if (request.getState() != ApprovalRequest.State.PENDING) {
            throw new InvalidRequestException("request " + id + " was already " + request.getState().name().toLowerCase(Locale.ROOT)
                    + " by " + request.getDecidedBy());
        }
        if (request.getRequestedBy().equals(access.caller().name())) {
            audit.record(access.caller().name(), "approval.refused", request.getTarget(), AuditEvent.Outcome.REJECTED,
                    "own request " + id);
            throw new AccessDeniedException("a second person must decide: you asked for this yourself");
        }
        return request;
    }

    /** key=value;key=value (values never hold ';' or '=': ids, instants, validated names). */
    static String encode(Map<String, String> payload) {
        StringBuilder out = new StringBuilder();
        payload.forEach((k, v) -> {
            if (v != null) {
                out.append(out.length() == 0 ? "" : ";").append(k).append('=').append(v);
            }
        });
        return out.toString();
    }

    static Map<String, String> decode(String payload) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : payload.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }
}
