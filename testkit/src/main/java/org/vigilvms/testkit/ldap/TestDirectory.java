package org.vigilvms.testkit.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.SSLUtil;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.setup.ServerSetup;

/**
 * A real LDAP server over TCP on the loopback (UnboundID's in-memory directory): people under
 * {@code ou=people}, groups ({@code groupOfNames}) under {@code ou=groups}, and a service account
 * Vigil binds with. Stands in for OpenLDAP or Active Directory in tests and demos. It listens
 * over LDAPS with a certificate from a CA of its own, as an enterprise directory does; the
 * installation trusts that CA for the directory only ({@link #settings()}).
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=vigil,dc=test";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String BIND_DN = "cn=vigil-service," + BASE;

    private final InMemoryDirectoryServer server;
    private final String bindPassword;
    private final X509Certificate ca;

    private TestDirectory(InMemoryDirectoryServer server, String bindPassword, X509Certificate ca) {
        this.server = server;
        this.bindPassword = bindPassword;
        this.ca = ca;
    }

    /** Starts on a free loopback port, over LDAPS, with the base entries and a bind account with {@code bindPassword}. */
    public static TestDirectory start(String bindPassword) {
        return start(bindPassword, InternalCa.create("directory CA"));
    }

    /** The same, with its certificate issued by {@code issuer} (e.g. a CA the installation does not trust). */
    public static TestDirectory start(String bindPassword, InternalCa issuer) {
        try {
            char[] keyPassword = "directory".toCharArray();
            KeyStore keys = issuer.issueServer("directory", List.of("localhost"), List.of("127.0.0.1"), keyPassword);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
            SSLUtil tls = new SSLUtil(kmf.getKeyManagers(), null);
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0,
                    tls.createSSLServerSocketFactory(), null));
            config.setSchema(null); // groupOfNames, inetOrgPerson: no schema checks needed here
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: vigil");
            server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
            server.add("dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
            server.add("dn: " + BIND_DN, "objectClass: top", "objectClass: person", "cn: vigil-service",
                    "sn: service", "userPassword: " + bindPassword);
            server.startListening();
            return new TestDirectory(server, bindPassword, issuer.certificate());
        } catch (LDAPException | LDIFException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the test directory: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "ldaps://127.0.0.1:" + server.getListenPort();
    }

    /** The settings an installation needs to use this directory: LDAPS, trusting the directory's CA. */
    public ServerSetup.LdapSettings settings() {
        return new ServerSetup.LdapSettings(url(), BIND_DN, bindPassword, PEOPLE, GROUPS, "uid", ca, false);
    }

    public void addUser(String uid, String password) {
        add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person", "objectClass: inetOrgPerson",
                "uid: " + uid, "cn: " + uid, "sn: " + uid, "userPassword: " + password);
    }

    /** Creates the group if needed and makes the user a member. */
    public void addToGroup(String uid, String group) {
        String groupDn = "cn=" + group + "," + GROUPS;
        try {
            if (server.getEntry(groupDn) == null) {
                server.add("dn: " + groupDn, "objectClass: top", "objectClass: groupOfNames", "cn: " + group,
                        "member: " + userDn(uid));
            } else {
                server.modify(groupDn, new Modification(ModificationType.ADD, "member", userDn(uid)));
            }
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    public void removeFromGroup(String uid, String group) {
        try {
            server.modify("cn=" + group + "," + GROUPS, new Modification(ModificationType.DELETE, "member", userDn(uid)));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String userDn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    private void add(String... ldif) {
        try {
            server.add(ldif);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
