package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.authz.Attributes;

/**
 * Every security decision about rights is made here, in the EJB layer: services call
 * {@link #require} before acting, so a forged request that skips the console meets the same
 * refusal. A refusal is audited ({@code access.denied}) and surfaces as HTTP 403.
 */
@PermitAll // callers are other services; the checks below are the authorization
@Stateless
public class AccessControl {

    /** Identity attribute the LDAP realm fills with the user's group names (wildfly-config 45-ldap.cli). */
    public static final String LDAP_GROUPS = "ldapGroups";

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private CameraSites cameras;

    /** The authenticated caller of the current invocation. */
    public Caller caller() {
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null) {
            return new Caller("anonymous", Set.of(), Set.of());
        }
        SecurityIdentity identity = domain.getCurrentSecurityIdentity();
        Set<String> roles = new HashSet<>();
        identity.getRoles().forEach(roles::add);
        Set<String> groups = new HashSet<>();
        Attributes.Entry ldap = identity.getAttributes().get(LDAP_GROUPS);
        if (ldap != null) {
            groups.addAll(ldap);
        }
        return new Caller(identity.getPrincipal().getName(), roles, groups);
    }

    /** Refuses (and audits) unless the caller holds {@code right} on the camera. */
    public void require(AccessRight right, long cameraId) {
        Caller caller = caller();
        Optional<SitedCamera> camera = cameras.find(cameraId);
        if (camera.isPresent() && allowed(caller, right, cameraId, camera.get().getSite())) {
            return;
        }
        deny(caller, right, "camera:" + cameraId);
    }

    /** Refuses (and audits) unless the caller holds {@code right} for all cameras (rights about the system). */
    public void require(AccessRight right) {
        Caller caller = caller();
        if (holdsForAllCameras(caller, right)) {
            return;
        }
        deny(caller, right, "system");
    }

    /**
     * Only a local administrator (a break-glass account of this installation, not a directory
     * user however many rights their groups hold) may go on, e.g. to rotate the installation's
     * keys; anyone else is refused and audited.
     */
    public void requireLocalAdministrator(String target, String what) {
        Caller caller = caller();
        if (caller.localAdmin() && !holdsNoRight(caller)) {
            return;
        }
        audit.record(caller.name(), "access.denied", target, AuditEvent.Outcome.REJECTED, "only a local administrator may " + what);
        throw new AccessDeniedException(caller.name() + " is not a local administrator: only one may " + what);
    }

    /** Whether {@code caller} holds {@code right} for all cameras (a right about the system); nothing audited. */
    public boolean holdsForAllCameras(Caller caller, AccessRight right) {
        return !holdsNoRight(caller) && (caller.localAdmin()
                || grantsOf(caller, right).stream().anyMatch(g -> g.getCameraId() == null && g.getSite() == null));
    }

    /**
     * Whether the current caller holds {@code right} on at least one camera, in any scope: what the
     * console offers them (its menu). Nothing audited: every action is checked again where it is done.
     */
    public boolean holdsAnywhere(AccessRight right) {
        Caller caller = caller();
        return !holdsNoRight(caller) && (caller.localAdmin() || !grantsOf(caller, right).isEmpty());
    }

    /** {@link #holdsForAllCameras} for the current caller. */
    public boolean holdsForAllCameras(AccessRight right) {
        return holdsForAllCameras(caller(), right);
    }

    /** Whether the caller may watch or play back the camera: who sees and handles its events and alarms. */
    public boolean mayWatchOrPlayBack(Caller caller, long cameraId) {
        Optional<SitedCamera> camera = cameras.find(cameraId);
        return camera.isPresent() && (allowed(caller, AccessRight.VIEW_LIVE, cameraId, camera.get().getSite())
                || allowed(caller, AccessRight.PLAYBACK, cameraId, camera.get().getSite()));
    }

    /** Whether {@code caller} (not necessarily the current one) holds {@code right} on the camera now. */
    public boolean allowed(Caller caller, AccessRight right, long cameraId) {
        Optional<SitedCamera> camera = cameras.find(cameraId);
        return camera.isPresent() && allowed(caller, right, cameraId, camera.get().getSite());
    }

    public boolean allowed(Caller caller, AccessRight right, long cameraId, String site) {
        if (holdsNoRight(caller)) {
            return false;
        }
        return caller.localAdmin() || grantsOf(caller, right).stream().anyMatch(g -> g.covers(cameraId, site));
    }

    /** Those of {@code cameras} on which the caller holds at least one of {@code rights}, in their order. */
    public <C extends SitedCamera> List<C> camerasWithAny(List<C> candidates, Set<AccessRight> rights) {
        Caller caller = caller();
        if (holdsNoRight(caller)) {
            return List.of();
        }
        if (caller.localAdmin()) {
            return candidates;
        }
        List<AccessGrant> grants = grantsOf(caller, null).stream().filter(g -> rights.contains(g.getRight())).toList();
        return candidates.stream().filter(c -> grants.stream().anyMatch(g -> g.covers(c.getId(), c.getSite()))).toList();
    }

    /** Highest PTZ priority the caller holds on the camera (0 when none). */
    public int ptzPriority(long cameraId, String site) {
        Caller caller = caller();
        if (caller.localAdmin()) {
            return 100;
        }
        return grantsOf(caller, AccessRight.PTZ).stream().filter(g -> g.covers(cameraId, site))
                .mapToInt(AccessGrant::getPtzPriority).max().orElse(0);
    }

    /** The grants that reach a caller: to their name, their LDAP groups or their local roles; one right or all. */
    public List<AccessGrant> grantsOf(Caller caller, AccessRight right) {
        Set<String> groups = caller.ldapGroups().isEmpty() ? Set.of("") : caller.ldapGroups();
        Set<String> roles = caller.localRoles().isEmpty() ? Set.of("") : caller.localRoles();
        return em.createQuery("SELECT g FROM AccessGrant g WHERE ("
                        + "(g.subjectKind = org.vigilvms.security.AccessGrant.SubjectKind.USER AND lower(g.subject) = lower(:user))"
                        + " OR (g.subjectKind = org.vigilvms.security.AccessGrant.SubjectKind.GROUP AND g.subject IN :groups)"
                        + " OR (g.subjectKind = org.vigilvms.security.AccessGrant.SubjectKind.ROLE AND g.subject IN :roles))"
                        + " ORDER BY g.id", AccessGrant.class)
                .setParameter("user", caller.name()).setParameter("groups", groups).setParameter("roles", roles)
                .getResultList().stream().filter(g -> right == null || g.getRight() == right).toList();
    }

    /**
     * Callers who hold no right whatever their grants: nobody signed in, an account an
     * administrator disabled (its open sessions included: checked at every decision, not only at
     * sign-in), a one-time password not yet replaced, a required second factor not enrolled.
     */
    private boolean holdsNoRight(Caller caller) {
        return caller.anonymous() || disabled(caller) || passwordChangePending(caller) || secondFactorMissing(caller);
    }

    /** Whether an administrator disabled the caller's account in Vigil. */
    public boolean disabled(Caller caller) {
        AccountGuard guard = em.find(AccountGuard.class, PrincipalName.of(caller.name()));
        return guard != null && guard.isDisabled();
    }

    /**
     * A local account whose one-time password was not yet replaced holds no right at all, so
     * nothing but the password change works for it, whatever the client.
     */
    private boolean passwordChangePending(Caller caller) {
        if (caller.localRoles().isEmpty()) {
            return false; // directory users have no local account
        }
        return !em.createQuery("SELECT u.id FROM AppUser u WHERE u.username = :u AND u.mustChangePassword = true")
                .setParameter("u", caller.name()).setMaxResults(1).getResultList().isEmpty();
    }

    /** Administrative rights: holding one makes an account an administrator for {@code vigil.totp.required=admins}. */
    static final Set<AccessRight> ADMINISTRATIVE =
            EnumSet.of(AccessRight.MANAGE_USERS, AccessRight.MANAGE_CAMERAS, AccessRight.READ_AUDIT);

    /**
     * Whether the caller must have a second factor ({@code vigil.totp.required}: {@code none} by
     * default, {@code admins} — local administrators and holders of an administrative right —,
     * or {@code all}). Read at each check, so switching it on takes effect at once.
     */
    public boolean secondFactorRequired(Caller caller) {
        String policy = secondFactorPolicy();
        if (caller.anonymous() || policy.equals("none")) {
            return false;
        }
        return policy.equals("all") || caller.localAdmin()
                || grantsOf(caller, null).stream().anyMatch(g -> ADMINISTRATIVE.contains(g.getRight()));
    }

    /** The second-factor policy in force: {@code none}, {@code admins} or {@code all} ({@code vigil.totp.required}). */
    public String secondFactorPolicy() {
        return System.getProperty("vigil.totp.required", "none").trim().toLowerCase(Locale.ROOT);
    }

    /** Required but not enrolled: such an account holds no right until its authenticator is confirmed. */
    public boolean secondFactorMissing(Caller caller) {
        if (!secondFactorRequired(caller)) {
            return false;
        }
        UserTotp totp = em.find(UserTotp.class, caller.name().toLowerCase(Locale.ROOT));
        return totp == null || !totp.isEnabled();
    }

    private void deny(Caller caller, AccessRight right, String target) {
        audit.record(caller.name(), "access.denied", target, AuditEvent.Outcome.REJECTED, "lacks " + right);
        throw new AccessDeniedException(caller.name() + " lacks " + right + " on " + target);
    }
}
