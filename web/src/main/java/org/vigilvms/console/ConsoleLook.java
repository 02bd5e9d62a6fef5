package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.vigilvms.preference.PreferenceService;
import org.vigilvms.preference.Preferences;
import org.vigilvms.preference.UserPreference;

/**
 * How the page is shown to the person reading it, from what they chose (read once per request):
 * the PrimeFaces theme (web.xml {@code primefaces.THEME}: arya-blue, dark for control rooms, or
 * saga-blue for the light look), the language ({@link ConsoleViewHandler}) and the time zone of
 * the times shown and typed ({@link InstantConverter}).
 */
@Named
@RequestScoped
public class ConsoleLook {

    static final String DARK = "arya-blue";
    static final String LIGHT = "saga-blue";

    @EJB
    private PreferenceService preferences;

    private Preferences chosen;

    private Preferences chosen() {
        if (chosen == null) {
            chosen = preferences.current();
        }
        return chosen;
    }

    public String getTheme() {
        return isLight() ? LIGHT : DARK;
    }

    public boolean isLight() {
        return chosen().theme() == UserPreference.Theme.LIGHT;
    }

    /** The language chosen, if any; otherwise the browser's decides. */
    Optional<Locale> language() {
        return chosen().locale();
    }

    /** Where times are shown and typed: the zone chosen, or UTC. */
    ZoneId zone() {
        return chosen().zone();
    }

    /** The zone's name as the pages print it next to times (Europe/Berlin, UTC). */
    public String getZoneName() {
        return chosen().timeZone() == null ? "UTC" : chosen().timeZone();
    }

    /** This page with its query, where choosing a theme returns to. */
    public String getBack() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request.getServletPath() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
