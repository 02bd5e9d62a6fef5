package org.vigilvms.preference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One person's console settings, by canonical account name. */
@Entity
@Table(name = "user_preference")
public class UserPreference {

    /** The console's look: dark for control rooms, or light. */
    public enum Theme { DARK, LIGHT }

    @Id
    @Column(length = 255)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Theme theme;

    @Column(length = 8)
    private String language;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Column(name = "changed_ts", nullable = false)
    private Instant changedTs;

    protected UserPreference() {
    }

    /** The settings of someone who has chosen nothing yet: dark, the browser's language, UTC. */
    UserPreference(String username, Instant now) {
        this.username = username;
        this.theme = Theme.DARK;
        this.changedTs = now;
    }

    Theme getTheme() {
        return theme;
    }

    String getLanguage() {
        return language;
    }

    String getTimeZone() {
        return timeZone;
    }

    void choose(Theme chosen, Instant now) {
        this.theme = chosen;
        this.changedTs = now;
    }

    void speak(String chosen, Instant now) {
        this.language = chosen;
        this.changedTs = now;
    }

    void liveIn(String zone, Instant now) {
        this.timeZone = zone;
        this.changedTs = now;
    }
}
