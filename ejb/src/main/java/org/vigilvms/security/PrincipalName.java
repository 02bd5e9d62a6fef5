package org.vigilvms.security;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * One spelling per person (X.1453 AC-3): the sign-in name as typed becomes the one canonical
 * account name under which the person is authenticated, counted by the lockout, disabled,
 * granted rights and audited. Directories compare names without regard to case and accept a
 * distinguished name where a user name is expected, so {@code ALICE}, {@code " alice "} and
 * {@code uid=alice,ou=people,...} would otherwise be three identities for one person, each with
 * a lockout counter and a disabled flag of its own.
 *
 * <p>The rule: surrounding white space goes; a distinguished name whose first RDN is the
 * directory's user attribute stands for that attribute's value (escapes decoded); the result is
 * NFC-normalised and lower-cased; what is then not made only of letters a-z, digits and
 * {@code . _ @ -} (1 to 128 characters) is no account name at all. The security domain applies
 * the same character rule (wildfly-config 40-security.cli), so no path that reaches Elytron
 * can authenticate under another spelling.
 */
public final class PrincipalName {

    /** What every canonical account name matches; the same expression stands in 40-security.cli. */
    public static final Pattern CANONICAL = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");

    private PrincipalName() {
    }

    /**
     * The canonical account name for {@code typed}, or empty when it cannot name an account.
     *
     * @param userAttribute the directory attribute that holds user names (e.g. {@code uid},
     *                      {@code sAMAccountName}); a DN is accepted only when its first RDN is that
     */
    public static Optional<String> canonical(String typed, String userAttribute) {
        if (typed == null) {
            return Optional.empty();
        }
        String name = typed.strip();
        if (name.indexOf('=') > 0) {
            Optional<String> fromDn = fromDistinguishedName(name, userAttribute);
            if (fromDn.isEmpty()) {
                return Optional.empty();
            }
            name = fromDn.get().strip();
        }
        name = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return CANONICAL.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** The canonical form of a name already known to be an account name (grants, audit, guards). */
    public static String of(String name) {
        return canonical(name, "uid").orElse(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> fromDistinguishedName(String dn, String userAttribute) {
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns();
            if (rdns.isEmpty()) {
                return Optional.empty();
            }
            Rdn first = rdns.get(rdns.size() - 1); // LdapName lists the RDNs right to left
            if (first.size() != 1 || !first.getType().equalsIgnoreCase(userAttribute) || !(first.getValue() instanceof String value)) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (InvalidNameException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
