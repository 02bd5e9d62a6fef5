package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;

/**
 * The signed-in user's own local account: whether a password change is pending (the generated
 * first administrator must choose a password before anything else, X.1453 AC-3) and changing
 * it under the password policy. Directory users change their password in the directory.
 */
@PermitAll // acts only on the caller's own account
@Stateless
public class AccountService {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private AdminBootstrap bootstrap;

    public boolean passwordChangeRequired() {
        return localAccount(access.caller().name()).map(AppUser::isMustChangePassword).orElse(false);
    }

    public void changePassword(String current, String next) {
        String user = access.caller().name();
        AppUser account = localAccount(user).orElseThrow(() ->
                new InvalidRequestException("only local accounts change their password here; directory users use the directory"));
        if (current == null || !PasswordHasher.matches(account.getPasswordHash(), current.toCharArray())) {
            audit.record(user, "password.change.refused", "user:" + user, AuditEvent.Outcome.FAILURE, "current password wrong");
            throw new InvalidRequestException("the current password is wrong");
        }
        String problem = policyProblem(user, current, next);
        if (problem != null) {
            throw new InvalidRequestException(problem);
        }
        account.changePassword(PasswordHasher.hash(next.toCharArray()));
        if (user.equals(AdminBootstrap.ADMIN)) {
            bootstrap.passwordChanged();
        }
        audit.record(user, "password.changed", "user:" + user, AuditEvent.Outcome.SUCCESS, null);
    }

    /** Why a new password is refused, or null: 12+ characters, three kinds of character (or 20+), not the name or the old one. */
    static String policyProblem(String user, String current, String next) {
        if (next == null || next.length() < MIN_LENGTH || next.length() > MAX_LENGTH) {
            return "the new password needs " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        if (next.equals(current)) {
            return "the new password must differ from the current one";
        }
        if (next.toLowerCase(Locale.ROOT).contains(user.toLowerCase(Locale.ROOT))) {
            return "the new password must not contain the user name";
        }
        int kinds = (next.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (next.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (next.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (next.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3 && next.length() < 20) {
            return "use three of: lower case, upper case, digits, other characters (or 20 characters or more)";
        }
        return null;
    }

    private Optional<AppUser> localAccount(String user) {
        List<AppUser> found = em.createQuery("SELECT u FROM AppUser u WHERE u.username = :u", AppUser.class)
                .setParameter("u", user).getResultList();
        return found.stream().findFirst();
    }
}
