package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.preference.PreferenceService;
import org.vigilvms.preference.Preferences;

/**
 * The settings page: the person's language and time zone (the theme is the bar's button). What
 * may be chosen is decided by {@link PreferenceService}; a refusal is told next to its field, in
 * the page's language, and audited.
 */
@Named
@RequestScoped
public class SettingsView {

    @EJB
    private PreferenceService preferences;

    @Inject
    private ConsoleRefusals refusals;

    private String language;
    private String zone;

    @PostConstruct
    void load() {
        Preferences chosen = preferences.current();
        language = chosen.language() == null ? "" : chosen.language();
        zone = chosen.timeZone() == null ? "" : chosen.timeZone();
    }

    /** Keeps both choices; back to the page (in the language chosen) when both were taken. */
    public String save() {
        boolean taken = keep("settings-form:language", "settings.languageUnknown", () -> preferences.chooseLanguage(language));
        taken &= keep("settings-form:zone", "settings.zoneUnknown", () -> preferences.chooseTimeZone(zone));
        return taken ? "settings.xhtml?faces-redirect=true&saved=true" : null;
    }

    private boolean keep(String field, String refusal, Runnable choice) {
        try {
            choice.run();
            return true;
        } catch (InvalidRequestException e) {
            FacesContext context = FacesContext.getCurrentInstance();
            refusals.refused("save", e.getMessage(), field, context.getApplication().getResourceBundle(context, "msg").getString(refusal));
            return false;
        }
    }

    /** The regions whose name contains what was typed (any case), for the zone field's list. */
    public List<String> zones(String typed) {
        return ZoneChoices.matching(typed);
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}
