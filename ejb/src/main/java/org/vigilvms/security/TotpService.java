package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.InvalidRequestException;

/**
 * TOTP second factor for any account (local or LDAP): enrol (secret sealed under the master
 * key), confirm with a first code, and checks at sign-in where each code counts once. Replacing
 * or removing a factor in force needs the account's password again, so a session left open (or
 * taken over) cannot swap the second factor for the attacker's own; a wrong password there counts
 * towards the account's lockout like a wrong sign-in.
 */
@PermitAll // acts only on the caller's own account
@Stateless
public class TotpService {

    /** What an authenticator app needs. */
    public record Enrolment(String secret, String otpauthUri) {
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private Reauthentication reauthentication;

    /**
     * Starts (or restarts) enrolment. While a factor is in force, {@code currentPassword} must be
     * the account's password (400 otherwise): a new secret replaces the old one only then.
     */
    public Enrolment enrol(String currentPassword) {
        String user = caller();
        UserTotp totp = em.find(UserTotp.class, user, LockModeType.PESSIMISTIC_WRITE);
        if (totp != null && totp.isEnabled()) {
            reauthentication.require(user, currentPassword, "totp.change.refused", "replace the second factor");
        }
        byte[] secret = Totp.newSecret();
        byte[] sealed = KeyVault.fromSystemProperty().sealWithMaster(secret, aad(user));
        if (totp == null) {
            em.persist(new UserTotp(user, sealed, clock.instant()));
        } else {
            totp.reset(sealed, clock.instant());
        }
        audit.record(user, "totp.enrolling", "user:" + user, AuditEvent.Outcome.SUCCESS, null);
        String base32 = Totp.base32(secret);
        return new Enrolment(base32, "otpauth://totp/Vigil:" + user + "?secret=" + base32 + "&issuer=Vigil&digits=6&period="
                + Totp.STEP_SECONDS);
    }

    /** Turns the second factor on once the authenticator produced a valid code. */
    public void confirm(String code) {
        String user = caller();
        UserTotp totp = em.find(UserTotp.class, user, LockModeType.PESSIMISTIC_WRITE);
        if (totp == null) {
            throw new InvalidRequestException("no TOTP enrolment to confirm");
        }
        if (!accept(totp, code)) {
            throw new InvalidRequestException("the code does not match");
        }
        audit.record(user, "totp.enabled", "user:" + user, AuditEvent.Outcome.SUCCESS, null);
    }

    /** Removes the caller's second factor; needs the account's password (400 otherwise). */
    public void remove(String currentPassword) {
        String user = caller();
        UserTotp totp = em.find(UserTotp.class, user, LockModeType.PESSIMISTIC_WRITE);
        if (totp == null) {
            throw new InvalidRequestException("there is no second factor to remove");
        }
        reauthentication.require(user, currentPassword, "totp.change.refused", "remove the second factor");
        em.remove(totp);
        audit.record(user, "totp.removed", "user:" + user, AuditEvent.Outcome.SUCCESS, null);
    }

    /** Whether the caller must enrol a second factor before anything else ({@code vigil.totp.required}). */
    public boolean enrolmentRequiredForCaller() {
        return access.secondFactorMissing(access.caller());
    }

    /** Whether the signed-in caller has a second factor to prove at sign-in. */
    public boolean enabledForCaller() {
        UserTotp totp = em.find(UserTotp.class, caller());
        return totp != null && totp.isEnabled();
    }

    /** The second step of a sign-in: true when the code is valid and unused (it is then used up). */
    public boolean check(String code) {
        String user = caller();
        UserTotp totp = em.find(UserTotp.class, user, LockModeType.PESSIMISTIC_WRITE);
        boolean ok = totp != null && totp.isEnabled() && accept(totp, code);
        if (!ok) {
            audit.record(user, "totp.failed", "user:" + user, AuditEvent.Outcome.FAILURE, "missing, wrong or reused code");
        }
        return ok;
    }

    private boolean accept(UserTotp totp, String code) {
        byte[] secret = KeyVault.fromSystemProperty().openWithMaster(totp.getSecretSealed(), aad(totp.getUsername()));
        long step = Totp.matchingStep(secret, code, clock.millis());
        if (step < 0 || step <= totp.getLastStep()) {
            return false; // wrong, or already used: a code counts once
        }
        totp.used(step);
        return true;
    }

    private String caller() {
        Caller caller = access.caller();
        if (caller.anonymous()) {
            throw new AccessDeniedException("not signed in");
        }
        return caller.name().toLowerCase(Locale.ROOT);
    }

    private static byte[] aad(String user) {
        return UserTotp.sealingAad(user);
    }
}
