package org.vigilvms.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Brute-force state of one account name (local or LDAP, existing or not: guessing names earns nothing). */
@Entity
@Table(name = "account_guard")
public class AccountGuard {

    /** Wrong passwords in a row that lock the account. */
    public static final int MAX_FAILURES = 6;
    static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
    /** No lockout lasts longer: an attacker who knows a name must not shut its owner out for a day. */
    static final Duration LONGEST_LOCKOUT = Duration.ofMinutes(15);

    @Id
    @Column(length = 255)
    private String username;

    @Column(nullable = false)
    private int failures;

    @Column(nullable = false)
    private int lockouts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "last_failure_ts")
    private Instant lastFailureTs;

    @Column(name = "last_login_ts")
    private Instant lastLoginTs;

    protected AccountGuard() {
    }

    AccountGuard(String username) {
        this.username = username;
    }

    public String getUsername() {
        return username;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public boolean isDisabled() {
        return disabled;
    }

    void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Counts a wrong password; true when this one locked the account. */
    boolean fail(Instant now) {
        failures++;
        lastFailureTs = now;
        if (failures < MAX_FAILURES) {
            return false;
        }
        lockouts++;
        Duration length = FIRST_LOCKOUT.multipliedBy(1L << Math.min(lockouts - 1, 20));
        lockedUntil = now.plus(length.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : length);
        failures = 0;
        return true;
    }

    /** An administrator's unlock: the lockout ends and counting starts again. */
    void unlock() {
        failures = 0;
        lockedUntil = null;
    }

    void succeed(Instant now) {
        failures = 0;
        lockouts = 0;
        lockedUntil = null;
        lastLoginTs = now;
    }
}
