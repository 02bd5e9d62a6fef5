package org.vigilvms.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InstallationSecrets;
import org.vigilvms.platform.TlsTrust;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.rights.GrantService;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/**
 * Browsing the directory for administrators (MANAGE_USERS): users and groups matching a text,
 * and for one user their groups and the rights Vigil's grants give them, each with its source —
 * computed exactly as at sign-in (groups whose {@code member} is the user, as the Elytron LDAP
 * realm maps them; 45-ldap.cli). Reads with the realm's own settings and bind account; search
 * texts become escaped filter values, never filter syntax. Searches are audited.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class DirectoryService {

    /** A directory user; {@code disabledInVigil}: an administrator disabled the account here. */
    public record DirectoryUser(String id, String name, String mail, String dn, boolean disabledInVigil) {
    }

    /** A directory group and how many members it lists. */
    public record DirectoryGroup(String name, String dn, int members) {
    }

    /** One user's groups and effective rights with their sources. */
    public record UserRights(DirectoryUser user, List<String> groups, List<GrantService.EffectiveRight> rights) {
    }

    static final int LIMIT = 200;
    private static final int MAX_QUERY = 64;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private GrantService grants;

    @Inject
    private AuditLog audit;

    public List<DirectoryUser> users(String query) {
        access.require(AccessRight.MANAGE_USERS);
        String text = checked(query);
        String idAttribute = property("vigil.ldap.user.attribute", "uid");
        Filter filter = text.isEmpty() ? Filter.createPresenceFilter(idAttribute)
                : Filter.createORFilter(Filter.createSubstringFilter(idAttribute, null, new String[] {text}, null),
                        Filter.createSubstringFilter("cn", null, new String[] {text}, null));
        List<DirectoryUser> users = new ArrayList<>();
        try (LDAPConnection ldap = connect()) {
            List<SearchResultEntry> entries = search(ldap, property("vigil.ldap.users.dn", null), filter, idAttribute, "cn", "mail");
            Set<String> disabled = disabledAmong(entries.stream().map(e -> e.getAttributeValue(idAttribute)).toList());
            for (SearchResultEntry e : entries) {
                users.add(user(e, idAttribute, disabled));
            }
        }
        audit.record(access.caller().name(), "directory.searched", "users", AuditEvent.Outcome.SUCCESS,
                "\"" + text + "\": " + users.size());
        return users;
    }

    public List<DirectoryGroup> groups(String query) {
        access.require(AccessRight.MANAGE_USERS);
        String text = checked(query);
        Filter type = Filter.createEqualityFilter("objectClass", "groupOfNames");
        Filter filter = text.isEmpty() ? type
                : Filter.createANDFilter(type, Filter.createSubstringFilter("cn", null, new String[] {text}, null));
        List<DirectoryGroup> groups = new ArrayList<>();
        try (LDAPConnection ldap = connect()) {
            for (SearchResultEntry e : search(ldap, property("vigil.ldap.groups.dn", null), filter, "cn", "member")) {
                String[] members = e.getAttributeValues("member");
                groups.add(new DirectoryGroup(e.getAttributeValue("cn"), e.getDN(), members == null ? 0 : members.length));
            }
        }
        audit.record(access.caller().name(), "directory.searched", "groups", AuditEvent.Outcome.SUCCESS,
                "\"" + text + "\": " + groups.size());
        return groups;
    }

    /** A user's groups (as the realm maps them at sign-in) and the rights they bring. */
    public UserRights rightsOf(String id) {
        access.require(AccessRight.MANAGE_USERS);
        String userId = checked(id);
        if (userId.isEmpty()) {
            throw new InvalidRequestException("a user id is required");
        }
        String idAttribute = property("vigil.ldap.user.attribute", "uid");
        try (LDAPConnection ldap = connect()) {
            List<SearchResultEntry> found = search(ldap, property("vigil.ldap.users.dn", null),
                    Filter.createEqualityFilter(idAttribute, userId), idAttribute, "cn", "mail");
            if (found.isEmpty()) {
                throw new InvalidRequestException("no directory user " + userId);
            }
            DirectoryUser user = user(found.get(0), idAttribute,
                    disabledAmong(List.of(found.get(0).getAttributeValue(idAttribute))));
            Set<String> groups = new TreeSet<>();
            for (SearchResultEntry g : search(ldap, property("vigil.ldap.groups.dn", null), Filter.createANDFilter(
                    Filter.createEqualityFilter("objectClass", "groupOfNames"), Filter.createEqualityFilter("member", user.dn())), "cn")) {
                groups.add(g.getAttributeValue("cn"));
            }
            List<GrantService.EffectiveRight> rights = grants.effectiveFor(new Caller(user.id(), Set.of(), groups));
            audit.record(access.caller().name(), "directory.rights.viewed", "user:" + user.id(), AuditEvent.Outcome.SUCCESS,
                    groups.size() + " group(s), " + rights.size() + " right(s)");
            return new UserRights(user, List.copyOf(groups), user.disabledInVigil() ? List.of() : rights);
        }
    }

    private static DirectoryUser user(SearchResultEntry e, String idAttribute, Set<String> disabled) {
        String id = e.getAttributeValue(idAttribute);
        return new DirectoryUser(id, e.getAttributeValue("cn"), e.getAttributeValue("mail"), e.getDN(),
                id != null && disabled.contains(id.toLowerCase(Locale.ROOT)));
    }

    /** Which of these account names an administrator disabled in Vigil (lower case), in one query. */
    private Set<String> disabledAmong(List<String> ids) {
        List<String> names = ids.stream().filter(Objects::nonNull).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("SELECT lower(g.username) FROM AccountGuard g WHERE lower(g.username) IN :n AND g.disabled = true",
                String.class).setParameter("n", names).getResultList());
    }


    private static String checked(String query) {
        String text = query == null ? "" : query.trim();
        if (text.length() > MAX_QUERY || text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new InvalidRequestException("search text: at most " + MAX_QUERY + " characters, no control characters");
        }
        return text;
    }

    private static List<SearchResultEntry> search(LDAPConnection ldap, String base, Filter filter, String... attributes) {
        if (base == null) {
            throw new InvalidRequestException("no directory is configured (vigil.ldap.* settings)");
        }
        try {
            SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
            request.setSizeLimit(LIMIT);
            request.setTimeLimitSeconds(5);
            SearchResult result = ldap.search(request);
            return result.getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getSearchEntries() != null && !e.getSearchEntries().isEmpty()) {
                return e.getSearchEntries(); // size limit reached: the first LIMIT entries
            }
            throw new DirectoryUnavailableException("the directory did not answer the search: " + e.getResultCode());
        }
    }

    private static LDAPConnection connect() {
        String url = property("vigil.ldap.url", null);
        String bindDn = property("vigil.ldap.bind.dn", null);
        if (url == null || bindDn == null) {
            throw new InvalidRequestException("no directory is configured (vigil.ldap.* settings)");
        }
        try {
            LDAPURL parsed = new LDAPURL(url);
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(3000);
            options.setResponseTimeoutMillis(5000);
            boolean tls = "ldaps".equalsIgnoreCase(parsed.getScheme());
            if (!tls && !Boolean.parseBoolean(property("vigil.ldap.allow.plain", "false"))) {
                throw new DirectoryUnavailableException("plain ldap:// is not allowed (vigil.ldap.allow.plain): use ldaps://");
            }
            if (tls) {
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false)); // the name in the URL must be the certificate's
            }
            LDAPConnection ldap = tls
                    ? new LDAPConnection(directoryTls().getSocketFactory(), options, parsed.getHost(), parsed.getPort())
                    : new LDAPConnection(options, parsed.getHost(), parsed.getPort());
            try {
                ldap.bind(bindDn, new String(InstallationSecrets.read("ldap-bind")));
            } catch (LDAPException e) {
                ldap.close();
                throw e;
            }
            return ldap;
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("the directory is not reachable: " + e.getMessage());
        }
    }

    /**
     * TLS that trusts the directory's own CA only ({@code tls/ldap-truststore.p12}, written by the
     * setup tool), as the sign-in's dir-context does (45-ldap.cli): never the JVM's default CAs.
     */
    private static SSLContext directoryTls() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(property("vigil.home", "."), "tls", "ldap-truststore.p12"))) {
                anchors.load(in, InstallationSecrets.read("ldap-truststore"));
            }
            return TlsTrust.trusting(anchors);
        } catch (IOException | GeneralSecurityException e) {
            throw new DirectoryUnavailableException("the directory's trust store cannot be read: " + e.getMessage());
        }
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
