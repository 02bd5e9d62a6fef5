package org.vigilvms.preference;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Objects;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.Caller;
import org.vigilvms.security.PrincipalName;

/** Each person's own console settings (theme, language, time zone): read and changed by that person only, never someone else's. */
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

    /** What the caller chose; {@link Preferences#NONE} for someone who chose nothing or is not signed in. */
    public Preferences current() {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            return Preferences.NONE;
        }
        UserPreference preference = em.find(UserPreference.class, PrincipalName.of(caller.name()));
        return preference == null ? Preferences.NONE
                : new Preferences(preference.getTheme(), preference.getLanguage(), preference.getTimeZone());
    }

    /** Keeps the caller's choice of theme; audited. */
    public void chooseTheme(UserPreference.Theme theme) {
        if (theme == null) {
            throw new InvalidRequestException("choose DARK or LIGHT");
        }
        UserPreference preference = mine();
        preference.choose(theme, clock.instant());
        audited("preference.theme", theme.name());
    }

    /** Keeps the caller's language ({@code en}, {@code de}, or blank for the browser's); audited when it changes. */
    public void chooseLanguage(String typed) {
        String language = PreferenceRules.language(typed);
        UserPreference preference = mine();
        if (!Objects.equals(language, preference.getLanguage())) {
            preference.speak(language, clock.instant());
            audited("preference.language", language == null ? "browser" : language);
        }
    }

    /** Keeps the caller's time zone (a tz region, or blank for UTC); audited when it changes. */
    public void chooseTimeZone(String typed) {
        String zone = PreferenceRules.timeZone(typed);
        UserPreference preference = mine();
        if (!Objects.equals(zone, preference.getTimeZone())) {
            preference.liveIn(zone, clock.instant());
            audited("preference.zone", zone == null ? "UTC" : zone);
        }
    }

    /** The signed-in caller's row, created with nothing chosen if they have none yet. */
    private UserPreference mine() {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            throw new AccessDeniedException("not signed in");
        }
        String name = PrincipalName.of(caller.name());
        UserPreference preference = em.find(UserPreference.class, name);
        if (preference == null) {
            preference = new UserPreference(name, clock.instant());
            em.persist(preference);
        }
        return preference;
    }

    private void audited(String action, String detail) {
        String name = access.caller().name();
        audit.record(name, action, "user:" + PrincipalName.of(name), AuditEvent.Outcome.SUCCESS, detail);
    }
}
