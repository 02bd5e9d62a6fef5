package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/**
 * Brute-force defence for the console login (X.1453 IP-1): refuses disabled and locked accounts
 * before any password is checked, counts wrong passwords per account name in PostgreSQL (so a
 * restart does not forgive them), locks after {@link AccountGuard#MAX_FAILURES} with lockouts
 * that double each time, and audits every attempt.
 */
@PermitAll // called by the login endpoint before anyone is authenticated
@Stateless
public class LoginGuard {

    /** What the login endpoint may do with an attempt. */
    public enum Verdict { PROCEED, LOCKED, DISABLED }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private AccessControl access;

    public Verdict admit(String username, String address) {
        AccountGuard guard = em.find(AccountGuard.class, key(username));
        Instant now = clock.instant();
        if (guard != null && guard.isDisabled()) {
            audit.record(username, "login.refused", "user:" + username, AuditEvent.Outcome.REJECTED, "disabled; from " + address);
            return Verdict.DISABLED;
        }
        if (guard != null && guard.lockedAt(now)) {
            audit.record(username, "login.refused", "user:" + username, AuditEvent.Outcome.REJECTED,
                    "locked until " + guard.getLockedUntil() + "; from " + address);
            return Verdict.LOCKED;
        }
        return Verdict.PROCEED;
    }

    /** A wrong password: counted and audited; returns true when the account is now locked. */
    public boolean failed(String username, String address) {
        AccountGuard guard = guardForUpdate(username);
        Instant now = clock.instant();
        boolean locked = guard.fail(now);
        audit.record(username, "login.failed", "user:" + username, AuditEvent.Outcome.FAILURE, "from " + address);
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

    /** An administrator disables or re-enables an account in Vigil (also an LDAP one). */
    public void setDisabled(String username, boolean disabled) {
        access.require(AccessRight.MANAGE_USERS);
        guardForUpdate(username).setDisabled(disabled);
        audit.record(access.caller().name(), disabled ? "user.disabled" : "user.enabled", "user:" + username, AuditEvent.Outcome.SUCCESS, null);
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
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
