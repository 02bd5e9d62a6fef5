package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.vigilvms.platform.InvalidRequestException;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Asks the signed-in person for their password again before a change that would let whoever
 * holds the session keep the account (replacing or removing the second factor). The password is
 * checked by the security domain itself, so local accounts (bcrypt) and directory accounts (an
 * LDAP bind) are checked the way their sign-in is. A wrong password is audited and counts towards
 * the account's lockout, so an open session is no way to guess it.
 */
@PermitAll // acts only on the caller's own account
@Stateless
public class Reauthentication {

    @Inject
    private LoginGuard guard;

    /** Returns when {@code password} is {@code user}'s; else audits {@code refusal} and throws (400). */
    public void require(String user, String password, String refusal, String what) {
        if (password == null || password.isEmpty()) {
            guard.refusedReauthentication(user, refusal, "no password given to " + what, false);
            throw new InvalidRequestException("the current password is needed to " + what);
        }
        boolean right;
        try {
            SecurityDomain domain = SecurityDomain.getCurrent();
            right = domain != null && domain.authenticate(user, new PasswordGuessEvidence(password.toCharArray())) != null;
        } catch (SecurityException e) {
            right = false;
        } catch (RealmUnavailableException e) {
            throw new IllegalStateException("the directory cannot check the password now: " + e.getMessage(), e);
        }
        if (!right) {
            guard.refusedReauthentication(user, refusal, "wrong password given to " + what, true);
            throw new InvalidRequestException("the current password is wrong");
        }
    }
}
