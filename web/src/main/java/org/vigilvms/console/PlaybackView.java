package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The playback page's parameters (?camera=ID&amp;at=ISO-instant[&amp;paused=1]); the page's
 * script asks the API for recordings and segments, where PLAYBACK is checked.
 */
@Named
@RequestScoped
public class PlaybackView {

    private Map<String, String> params() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    }

    public long getCamera() {
        try {
            return Long.parseLong(params().getOrDefault("camera", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The instant to show; now minus a minute when absent or malformed. */
    public String getAt() {
        try {
            return Instant.parse(params().getOrDefault("at", "")).toString();
        } catch (DateTimeParseException e) {
            return Instant.now().minusSeconds(60).toString();
        }
    }

    public boolean isPaused() {
        return "1".equals(params().get("paused"));
    }
}
