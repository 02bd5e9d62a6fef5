package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.inject.Named;
import org.vigilvms.preference.PreferenceService;
import org.vigilvms.preference.UserPreference;

/**
 * The PrimeFaces theme of the page (web.xml {@code primefaces.THEME}): arya-blue, dark for
 * control rooms, or saga-blue for those who chose the light look.
 */
@Named
@RequestScoped
public class ConsoleLook {

    static final String DARK = "arya-blue";
    static final String LIGHT = "saga-blue";

    @EJB
    private PreferenceService preferences;

    private UserPreference.Theme theme;

    private UserPreference.Theme chosen() {
        if (theme == null) {
            theme = preferences.theme();
        }
        return theme;
    }

    public String getTheme() {
        return chosen() == UserPreference.Theme.LIGHT ? LIGHT : DARK;
    }

    public boolean isLight() {
        return chosen() == UserPreference.Theme.LIGHT;
    }

    /** This page with its query, where choosing a theme returns to. */
    public String getBack() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request.getServletPath() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
