package org.vigilvms.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.vigilvms.security.AccessRight;

/**
 * The console's pages as the menu and the breadcrumbs name them, with what a user must hold for a
 * page to be offered: {@code ANYWHERE} rights on at least one camera, {@code SYSTEM} rights for
 * all cameras (what the page's services require). Pages reached from elsewhere (a camera's live
 * page and playback; the settings, from the bar) name the menu page they belong under.
 */
public enum ConsolePage {
    SYSTEM("index.xhtml", Need.NOTHING, null),
    LIVE("live.xhtml", Need.ANYWHERE, null, AccessRight.VIEW_LIVE),
    ALARMS("alarms.xhtml", Need.ANYWHERE, null, AccessRight.VIEW_LIVE, AccessRight.PLAYBACK),
    EVENTS("events.xhtml", Need.ANYWHERE, null, AccessRight.PLAYBACK),
    EXPORTS("exports.xhtml", Need.ANYWHERE, null, AccessRight.EXPORT),
    CAMERAS("cameras.xhtml", Need.SYSTEM, null, AccessRight.MANAGE_CAMERAS),
    ALARM_RULES("alarm-rules.xhtml", Need.SYSTEM, null, AccessRight.MANAGE_CAMERAS),
    STORAGE("storage.xhtml", Need.SYSTEM, null, AccessRight.MANAGE_CAMERAS),
    DEVICES("devices.xhtml", Need.SYSTEM, null, AccessRight.MANAGE_USERS),
    DIRECTORY("directory.xhtml", Need.SYSTEM, null, AccessRight.MANAGE_USERS),
    AUDIT("audit.xhtml", Need.SYSTEM, null, AccessRight.READ_AUDIT),
    CAMERA("camera.xhtml", Need.NOTHING, LIVE),
    PLAYBACK("playback.xhtml", Need.NOTHING, LIVE),
    SETTINGS("settings.xhtml", Need.NOTHING, SYSTEM);

    /** How a page's rights must be held. */
    enum Need { NOTHING, ANYWHERE, SYSTEM }

    /** Where the console's texts are, in every language it speaks. */
    static final String MESSAGES = "org.vigilvms.console.messages";

    private final String file;
    private final Need need;
    private final ConsolePage parent;
    private final AccessRight[] anyOf;

    ConsolePage(String file, Need need, ConsolePage parent, AccessRight... anyOf) {
        this.file = file;
        this.need = need;
        this.parent = parent;
        this.anyOf = anyOf;
    }

    public String file() {
        return file;
    }

    /** The page's name in {@code language} (English where the console has no text of that language). */
    public String label(Locale language) {
        return ResourceBundle.getBundle(MESSAGES, language, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .getString("page." + name().toLowerCase(Locale.ROOT));
    }

    Need need() {
        return need;
    }

    AccessRight[] anyOf() {
        return anyOf.clone();
    }

    /** Whether the page belongs in the menu (not reached only from a camera). */
    boolean inMenu() {
        return parent == null;
    }

    /** The page above this one in the breadcrumbs, if any (System is above every menu page). */
    Optional<ConsolePage> parent() {
        return this == SYSTEM ? Optional.empty() : Optional.of(parent != null ? parent : SYSTEM);
    }

    /** The breadcrumbs down to this page: System first, this page last. */
    List<ConsolePage> trail() {
        List<ConsolePage> trail = new ArrayList<>();
        for (Optional<ConsolePage> at = Optional.of(this); at.isPresent(); at = at.get().parent()) {
            trail.add(0, at.get());
        }
        return trail;
    }

    /** The page a Faces view id ({@code /live.xhtml}) shows. */
    static Optional<ConsolePage> ofView(String viewId) {
        return Arrays.stream(values()).filter(p -> viewId != null && viewId.equals("/" + p.file)).findFirst();
    }
}
