package org.vigilvms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.jms.ServiceIdentity;

class ServerSetupTest {

    private static final DatabaseSettings DB = new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/vigil", "vigil", null);

    @TempDir
    Path dir;

    @Test
    void firstRunGeneratesEverySecretAndSecondRunKeepsThem() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        ServerSetup.Result first = ServerSetup.ensure(home, DB);
        assertTrue(first.firstRun());
        String dbPassword = first.secrets().require(ServerSetup.DB_PASSWORD);
        byte[] serverKeyStore = Files.readAllBytes(home.serverKeyStore());

        ServerSetup.Result second = ServerSetup.ensure(home, DB);
        assertFalse(second.firstRun());
        assertEquals(dbPassword, ServerSetup.openSecrets(home).require(ServerSetup.DB_PASSWORD));
        assertEquals(new String(serverKeyStore, "ISO-8859-1"),
                new String(Files.readAllBytes(home.serverKeyStore()), "ISO-8859-1"));
    }

    @Test
    void twoInstallationsShareNoSecret() {
        SecretStore a = ServerSetup.ensure(new VigilHome(dir.resolve("a")), DB).secrets();
        SecretStore b = ServerSetup.ensure(new VigilHome(dir.resolve("b")), DB).secrets();
        assertNotEquals(a.require(ServerSetup.DB_PASSWORD), b.require(ServerSetup.DB_PASSWORD));
        assertNotEquals(a.require(ServiceIdentity.RECORDER.credentialAlias()),
                b.require(ServiceIdentity.RECORDER.credentialAlias()));
    }

    @Test
    void secretsAreOwnerOnlyAndBrokerFileHoldsDigestsNotPasswords() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        SecretStore secrets = ServerSetup.ensure(home, DB).secrets();
        for (Path p : new Path[] {home.serverProperties(), home.credentialStore(), home.jmsUsers(), home.caKeyStore()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        String users = Files.readString(home.jmsUsers());
        String recorderPassword = secrets.require(ServiceIdentity.RECORDER.credentialAlias());
        assertFalse(users.contains(recorderPassword));
        assertTrue(users.contains("svc-recorder=" + ServerSetup.digest("svc-recorder", recorderPassword)));
    }

    @Test
    void theMetricsScraperHasOneDigestOwnerOnlyAndKeepsItsPasswordAcrossStarts() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        ServerSetup.ensure(home, DB);
        String password = Files.readString(home.metricsScraperPassword()).strip();
        for (Path p : new Path[] {home.monitoringUsers(), home.metricsScraperPassword()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        String users = Files.readString(home.monitoringUsers());
        assertEquals(List.of("#$REALM_NAME=VigilMonitoring$",
                "vigil-metrics=" + ServerSetup.digest("vigil-metrics", "VigilMonitoring", password)), users.lines().toList());
        ServerSetup.ensure(home, DB);
        assertEquals(password, Files.readString(home.metricsScraperPassword()).strip(), "a restart keeps the scraper's password");
        assertTrue(password.length() >= 20, "a generated password, not a default: " + password.length());
    }

    @Test
    void serverCertificateIsIssuedByTheInternalCaForLocalhost() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        SecretStore secrets = ServerSetup.ensure(home, DB).secrets();
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(home.serverKeyStore())) {
            server.load(in, secrets.require(ServerSetup.TLS_KEYSTORE).toCharArray());
        }
        X509Certificate leaf = (X509Certificate) server.getCertificate("server");
        X509Certificate ca = InternalCa.load(home.caKeyStore(),
                secrets.require(ServerSetup.CA_KEYSTORE).toCharArray()).certificate();
        leaf.verify(ca.getPublicKey());
        assertTrue(leaf.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("localhost")));
        assertEquals(-1, leaf.getBasicConstraints());
    }

    @Test
    void rejectsANonPostgresqlUrlWithAClearMessage() {
        SetupException e = assertThrows(SetupException.class,
                () -> new DatabaseSettings("jdbc:mysql://x/y", "vigil", null));
        assertTrue(e.getMessage().contains("jdbc:mysql://x/y"));
    }

    @Test
    void serverPropertiesNameTheHomeAndDatabase() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        ServerSetup.ensure(home, DB);
        Properties props = ServerSetup.readProperties(home.serverProperties());
        assertEquals(home.root().toString(), props.getProperty("vigil.home"));
        assertEquals(DB.url(), props.getProperty("vigil.db.url"));
    }

    @Test
    void plainLdapIsRefusedUnlessAllowedAndLdapsNeedsTheDirectorysCa() {
        VigilHome home = new VigilHome(dir.resolve("home"));
        ServerSetup.ensure(home, DB);
        X509Certificate directoryCa = InternalCa.create("directory CA").certificate();
        SetupException plain = assertThrows(SetupException.class, () -> ServerSetup.configureLdap(home,
                ldap("ldap://dc.example:389", null, false)));
        assertTrue(plain.getMessage().startsWith("plain ldap:// sends every directory user's password readable"), plain.getMessage());
        SetupException noCa = assertThrows(SetupException.class, () -> ServerSetup.configureLdap(home,
                ldap("ldaps://dc.example:636", null, false)));
        assertTrue(noCa.getMessage().contains("--ldap-ca"), noCa.getMessage());
        assertThrows(SetupException.class, () -> ServerSetup.configureLdap(home, ldap("http://dc.example/", directoryCa, true)));
        assertFalse(ServerSetup.readProperties(home.serverProperties()).containsKey("vigil.ldap.url"), "nothing configured");

        ServerSetup.configureLdap(home, ldap("ldap://dc.example:389", null, true));
        assertEquals("true", ServerSetup.readProperties(home.serverProperties()).getProperty("vigil.ldap.allow.plain"),
                "allowed only when asked for, and recorded");
    }

    @Test
    void singleSignOnNeedsAnHttpsIssuerASecretAndTheProvidersCaTrustedForItAlone() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        ServerSetup.ensure(home, DB);
        KeyStore none = load(home.oidcTrustStore(), ServerSetup.oidcTrustStorePassword(home));
        assertEquals(0, none.size(), "no provider configured: the OIDC client trusts nobody");
        X509Certificate providerCa = InternalCa.create("provider CA").certificate();
        String secret = "s".repeat(32);
        SetupException plain = assertThrows(SetupException.class, () -> ServerSetup.configureOidc(home,
                new ServerSetup.OidcSettings("http://sso.example/realms/staff", "vigil", secret, providerCa)));
        assertTrue(plain.getMessage().startsWith("the OpenID provider's issuer must be an https:// URL"), plain.getMessage());
        SetupException shortSecret = assertThrows(SetupException.class, () -> ServerSetup.configureOidc(home,
                new ServerSetup.OidcSettings("https://sso.example/realms/staff", "vigil", "short", providerCa)));
        assertEquals("the client secret must have at least 16 characters", shortSecret.getMessage());
        SetupException noCa = assertThrows(SetupException.class, () -> ServerSetup.configureOidc(home,
                new ServerSetup.OidcSettings("https://sso.example/realms/staff", "vigil", secret, null)));
        assertTrue(noCa.getMessage().startsWith("the provider's CA certificate is required"), noCa.getMessage());
        assertFalse(ServerSetup.readProperties(home.serverProperties()).containsKey("vigil.oidc.provider.url"), "nothing configured");

        ServerSetup.configureOidc(home, new ServerSetup.OidcSettings("https://sso.example/realms/staff", "vigil", secret, providerCa));
        Properties props = ServerSetup.readProperties(home.serverProperties());
        assertEquals("https://sso.example/realms/staff", props.getProperty("vigil.oidc.provider.url"));
        assertEquals(secret, props.getProperty("vigil.oidc.client.password"), "named *password*: WildFly redacts it in its boot log");
        KeyStore anchors = load(home.oidcTrustStore(), ServerSetup.oidcTrustStorePassword(home));
        assertEquals(1, anchors.size());
        assertEquals(providerCa, anchors.getCertificate(anchors.aliases().nextElement()));
    }

    @Test
    void theDirectorysCaIsTrustedInATrustStoreOfItsOwnNotForClientCertificates() throws Exception {
        VigilHome home = new VigilHome(dir.resolve("home"));
        SecretStore secrets = ServerSetup.ensure(home, DB).secrets();
        KeyStore empty = load(home.ldapTrustStore(), secrets.require(ServerSetup.LDAP_TRUSTSTORE));
        assertEquals(0, empty.size(), "no directory configured: trusts nobody");
        X509Certificate directoryCa = InternalCa.create("directory CA").certificate();
        ServerSetup.configureLdap(home, ldap("ldaps://dc.example:636", directoryCa, false));
        KeyStore ldapAnchors = load(home.ldapTrustStore(), secrets.require(ServerSetup.LDAP_TRUSTSTORE));
        assertEquals(1, ldapAnchors.size());
        assertEquals(directoryCa, ldapAnchors.getCertificate(ldapAnchors.aliases().nextElement()));
        KeyStore clientAnchors = load(home.trustStore(), secrets.require(ServerSetup.TLS_TRUSTSTORE));
        assertNotEquals(null, clientAnchors.getCertificate(InternalCa.CA_ALIAS), "the installation's own CA");
        assertEquals(null, clientAnchors.getCertificateAlias(directoryCa), "the directory's CA admits no client certificate");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.ldapTrustStore())));
    }

    private static ServerSetup.LdapSettings ldap(String url, X509Certificate ca, boolean allowPlain) {
        return new ServerSetup.LdapSettings(url, "cn=vigil,dc=example", "bind-secret", "ou=people,dc=example", "ou=groups,dc=example",
                "uid", ca, allowPlain);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
