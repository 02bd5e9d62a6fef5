package org.vigilvms.preference;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.Caller;
import org.vigilvms.security.PrincipalName;

/** Each person's own console settings: read and changed by that person only, never someone else's. */
@PermitAll // every signed-in person has settings; the caller is the only subject
@Stateless
public class PreferenceService {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** The caller's theme: dark unless they chose light (and for anyone not signed in). */
    public UserPreference.Theme theme() {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            return UserPreference.Theme.DARK;
        }
        UserPreference preference = em.find(UserPreference.class, PrincipalName.of(caller.name()));
        return preference == null ? UserPreference.Theme.DARK : preference.getTheme();
    }

    /** Keeps the caller's choice of theme; audited. */
    public void chooseTheme(UserPreference.Theme theme) {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            throw new AccessDeniedException("not signed in");
        }
        if (theme == null) {
            throw new InvalidRequestException("choose DARK or LIGHT");
        }
        String name = PrincipalName.of(caller.name());
        UserPreference preference = em.find(UserPreference.class, name);
        if (preference == null) {
            em.persist(new UserPreference(name, theme, clock.instant()));
        } else {
            preference.choose(theme, clock.instant());
        }
        audit.record(caller.name(), "preference.theme", "user:" + name, AuditEvent.Outcome.SUCCESS, theme.name());
    }
}
