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

    @Column(name = "changed_ts", nullable = false)
    private Instant changedTs;

    protected UserPreference() {
    }

    UserPreference(String username, Theme theme, Instant now) {
        this.username = username;
        this.theme = theme;
        this.changedTs = now;
    }

    Theme getTheme() {
        return theme;
    }

    void choose(Theme chosen, Instant now) {
        this.theme = chosen;
        this.changedTs = now;
    }
}
