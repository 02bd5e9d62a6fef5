package org.vigilvms.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins from one client address, whatever the user names (X.1453 IP-1: password
 * spraying). The per-account lockout cannot see an attacker who tries one password on many
 * names; this can. The first {@link #FREE_FAILURES} failures cost nothing (people mistype);
 * after them every attempt from the address must wait a delay ({@link #FIRST_DELAY}) that
 * doubles with each further failure, up to {@link #LONGEST_DELAY}, and is refused before any password is checked. A quiet
 * {@link #FORGIVEN_AFTER} forgives the address. A successful sign-in forgives nothing, so one
 * valid account does not reset the count for the others.
 */
@Entity
@Table(name = "address_guard")
public class AddressGuard {

    static final int FREE_FAILURES = 10;
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(5);
    static final Duration FORGIVEN_AFTER = Duration.ofMinutes(15);

    @Id
    @Column(length = 64)
    private String address;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure_ts")
    private Instant lastFailureTs;

    protected AddressGuard() {
    }

    AddressGuard(String address) {
        this.address = address;
    }

    public String getAddress() {
        return address;
    }

    /** Empty when an attempt may go ahead now; else how long the address must still wait. */
    Optional<Duration> retryAfter(Instant now) {
        forgiveIfQuiet(now);
        if (failures < FREE_FAILURES) {
            return Optional.empty();
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 20));
        if (delay.compareTo(LONGEST_DELAY) > 0) {
            delay = LONGEST_DELAY;
        }
        Duration left = Duration.between(now, lastFailureTs.plus(delay));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    void fail(Instant now) {
        forgiveIfQuiet(now);
        failures++;
        lastFailureTs = now;
    }

    int failures() {
        return failures;
    }

    private void forgiveIfQuiet(Instant now) {
        if (lastFailureTs != null && !now.isBefore(lastFailureTs.plus(FORGIVEN_AFTER))) {
            failures = 0;
        }
    }
}
