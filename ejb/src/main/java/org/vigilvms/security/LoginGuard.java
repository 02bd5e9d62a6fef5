package org.vigilvms.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/**
 * Brute-force defence for the console login (X.1453 IP-1): refuses disabled and locked accounts
 * and addresses that must wait ({@link AddressGuard}: password spraying across user names)
 * before any password is checked, counts wrong passwords per account name and per client
 * address in PostgreSQL (so a restart does not forgive them), locks an account after
 * {@link AccountGuard#MAX_FAILURES} with lockouts that double each time up to a quarter of an
 * hour, and audits every attempt. Names are canonical ({@link PrincipalName}): one person, one
 * counter, however the name was typed.
 */
@PermitAll // called by the login endpoint before anyone is authenticated
@Stateless
public class LoginGuard {

    /** What the login endpoint may do with an attempt. */
    public enum Verdict { PROCEED, LOCKED, DISABLED, THROTTLED }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private AccessControl access;

    @Inject
    private MeterRegistry registry;

    public Verdict admit(String username, String address) {
        Instant now = clock.instant();
        AddressGuard from = em.find(AddressGuard.class, address);
        Optional<Duration> wait = from == null ? Optional.empty() : from.retryAfter(now);
        if (wait.isPresent()) {
            refused("throttled");
            audit.record(username, "login.throttled", "user:" + username, AuditEvent.Outcome.REJECTED,
                    from.failures() + " failed sign-ins from " + address + "; next attempt in " + wait.get().toMillis() + " ms");
            return Verdict.THROTTLED;
        }
        AccountGuard guard = em.find(AccountGuard.class, key(username));
        if (guard != null && guard.isDisabled()) {
            refused("disabled");
            audit.record(username, "login.refused", "user:" + username, AuditEvent.Outcome.REJECTED, "disabled; from " + address);
            return Verdict.DISABLED;
        }
        if (guard != null && guard.lockedAt(now)) {
            refused("locked");
            audit.record(username, "login.refused", "user:" + username, AuditEvent.Outcome.REJECTED,
                    "locked until " + guard.getLockedUntil() + "; from " + address);
            return Verdict.LOCKED;
        }
        return Verdict.PROCEED;
    }

    /** A wrong password: counted and audited; returns true when the account is now locked. */
    public boolean failed(String username, String address) {
        refused("wrong_password");
        addressForUpdate(address).fail(clock.instant());
        return countFailure(username, "from " + address);
    }

    /**
     * A signed-in person did not confirm a change with their password ({@link Reauthentication}):
     * audited as {@code action}; a wrong password ({@code wrongPassword}) also counts towards the
     * account's lockout like a wrong sign-in. In a transaction of its own, so the refusal that
     * follows does not roll it back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refusedReauthentication(String username, String action, String detail, boolean wrongPassword) {
        audit.record(username, action, "user:" + username, AuditEvent.Outcome.REJECTED, detail);
        if (wrongPassword) {
            countFailure(username, "re-authentication in a signed-in session");
        }
    }

    private boolean countFailure(String username, String where) {
        AccountGuard guard = guardForUpdate(username);
        Instant now = clock.instant();
        boolean locked = guard.fail(now);
        audit.record(username, "login.failed", "user:" + username, AuditEvent.Outcome.FAILURE, where);
        if (locked) {
            audit.record("system", "account.locked", "user:" + username, AuditEvent.Outcome.SUCCESS,
                    AccountGuard.MAX_FAILURES + " wrong passwords; locked until " + guard.getLockedUntil());
        }
        return locked;
    }

    public void succeeded(String username, String address) {
        guardForUpdate(username).succeed(clock.instant());
        audit.record(username, "login", "user:" + username, AuditEvent.Outcome.SUCCESS, "from " + address);
    }

    /**
     * An administrator disables or re-enables an account in Vigil (also an LDAP one). A disabled
     * account holds no right from the next check on ({@link AccessControl}), its open sessions
     * end at their next request and its live streams within seconds.
     */
    public void setDisabled(String username, boolean disabled) {
        access.require(AccessRight.MANAGE_USERS);
        String name = PrincipalName.of(username);
        guardForUpdate(name).setDisabled(disabled);
        audit.record(access.caller().name(), disabled ? "user.disabled" : "user.enabled", "user:" + name, AuditEvent.Outcome.SUCCESS, null);
    }

    /** An administrator ends a lockout at once (the recovery path when an attacker locked someone out). */
    public void unlock(String username) {
        access.require(AccessRight.MANAGE_USERS);
        String name = PrincipalName.of(username);
        guardForUpdate(name).unlock();
        audit.record(access.caller().name(), "account.unlocked", "user:" + name, AuditEvent.Outcome.SUCCESS, null);
    }

    /** Whether an administrator disabled this account in Vigil (any spelling of its name). */
    public boolean disabled(String username) {
        AccountGuard guard = em.find(AccountGuard.class, key(username));
        return guard != null && guard.isDisabled();
    }

    /**
     * A sign-in with a name that cannot name any account ({@link PrincipalName}): no account to
     * count it against, but it counts for the address like any other failure.
     */
    public void failedWithoutAccount(String address) {
        refused("not_an_account");
        addressForUpdate(address).fail(clock.instant());
        audit.record(address, "login.failed", "user:?", AuditEvent.Outcome.FAILURE, "not an account name; from " + address);
    }

    /** Counted for the metrics endpoint ({@code vigil_signin_failures_total{reason=...}}). */
    private void refused(String reason) {
        registry.counter("vigil.signin.failures", "reason", reason).increment();
    }

    private AddressGuard addressForUpdate(String address) {
        // concurrent first failures from one address must not collide on the insert
        em.createNativeQuery("INSERT INTO address_guard (address, failures) VALUES (?1, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, address).executeUpdate();
        return em.find(AddressGuard.class, address, LockModeType.PESSIMISTIC_WRITE);
    }

    private AccountGuard guardForUpdate(String username) {
        String key = key(username);
        AccountGuard guard = em.find(AccountGuard.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (guard == null) {
            guard = new AccountGuard(key);
            em.persist(guard);
            em.flush();
        }
        return guard;
    }

    private static String key(String username) {
        return PrincipalName.of(username);
    }
}
