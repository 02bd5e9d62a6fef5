package org.vigilvms.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.vigilvms.jms.ServiceIdentity;

/**
 * Makes an installation folder ready for the server, idempotently: on the first run everything
 * is generated; on later runs what exists is kept and only what is missing is added. No secret
 * is ever fixed in the code or the repository.
 */
public final class ServerSetup {

    /** Digest realm name of the broker's service identities (40-security.cli). */
    public static final String SERVICES_REALM = "VigilServices";

    public static final String DB_PASSWORD = "db-password";
    /** The database role of a node that runs the recorder without the management role (V34), and its password's alias. */
    public static final String DB_RECORDER_ROLE = "vigil_recorder";
    public static final String DB_RECORDER_PASSWORD = "db-recorder-password";
    public static final String TLS_KEYSTORE = "tls-keystore";
    public static final String TLS_TRUSTSTORE = "tls-truststore";
    /** Credential store alias of the directory's trust store password. */
    public static final String LDAP_TRUSTSTORE = "ldap-truststore";
    /** Credential store alias of the SIEM's trust store password. */
    public static final String SIEM_TRUSTSTORE = "siem-truststore";
    public static final String CA_KEYSTORE = "ca-keystore";
    public static final String SIGNING_KEYSTORE = "signing-keystore";
    /** A recorder node's sealing key store password (its own node folder only). */
    public static final String SEAL_KEYSTORE = "seal-keystore";
    /** Password Vigil binds to the directory with (random and unused until LDAP is configured). */
    public static final String LDAP_BIND = "ldap-bind";
    /** The identity the customer's monitoring scrapes the metrics with (72-metrics.cli), and its realm. */
    public static final String METRICS_SCRAPER = "vigil-metrics";
    static final String MONITORING_REALM = "VigilMonitoring";

    static final String P_HOME = "vigil.home";
    static final String P_CREDSTORE_PASSWORD = "vigil.credstore.password";
    static final String P_DB_URL = "vigil.db.url";
    static final String P_DB_USER = "vigil.db.user";

    /** What the setup found or made. */
    public record Result(VigilHome home, boolean firstRun, SecretStore secrets) {
    }

    private ServerSetup() {
    }

    public static Result ensure(VigilHome home, DatabaseSettings db) {
        return ensure(home, db, null);
    }

    /**
     * As {@link #ensure(VigilHome, DatabaseSettings)}; with {@code token} on the first run, the
     * CA, signing, time-stamping and master keys are generated inside that PKCS#11 token and never
     * exist in a file. An installation keeps where its keys are: later runs find the token from
     * the installation's own configuration.
     */
    public static Result ensure(VigilHome home, DatabaseSettings db, TokenKeys.Settings token) {
        createPrivateDir(home.root());
        createPrivateDir(home.secretsDir());
        createPrivateDir(home.tlsDir());

        Properties props = readProperties(home.serverProperties());
        boolean firstRun = props.isEmpty();
        String storePassword = props.getProperty(P_CREDSTORE_PASSWORD);
        if (storePassword == null) {
            storePassword = Passwords.generate();
        }
        SecretStore secrets = SecretStore.open(home.credentialStore(), storePassword.toCharArray(), true);
        FilePermissions.ownerOnly(home.credentialStore());

        if (db.password() != null) {
            secrets.put(DB_PASSWORD, db.password());
        } else {
            secrets.getOrGenerate(DB_PASSWORD);
        }
        secrets.getOrGenerate(DB_RECORDER_PASSWORD);
        secrets.getOrGenerate(LDAP_BIND);
        TokenKeys keys = hardwareToken(home, props, secrets, token);
        ensureTls(home, secrets, keys);
        if (keys == null) {
            ensureMasterKey(home);
        } else {
            keys.ensureMasterKey();
        }
        writeBrokerIdentities(home, secrets);
        writeScraperIdentity(home, secrets);
        ensureOidcTrustStore(home, props);

        props.setProperty(P_HOME, home.root().toString());
        props.setProperty(P_CREDSTORE_PASSWORD, storePassword);
        props.setProperty(P_DB_URL, db.url());
        props.setProperty(P_DB_USER, db.user());
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
        return new Result(home, firstRun, secrets);
    }

    /**
     * Where and how the directory (LDAP, Active Directory) is reached; see wildfly-config 45-ldap.cli.
     * {@code directoryCa}: the CA whose certificates the directory presents (trusted for that only);
     * {@code allowPlain}: an administrator's explicit acceptance of {@code ldap://}.
     */
    public record LdapSettings(String url, String bindDn, String bindPassword, String usersDn, String groupsDn,
                               String userAttribute, X509Certificate directoryCa, boolean allowPlain) {
    }

    /**
     * Points the installation at a directory; the bind password goes to the credential store
     * only, the directory's CA into its own trust store. Plain {@code ldap://} carries every
     * directory user's password readable on the network: refused unless allowed explicitly.
     */
    public static void configureLdap(VigilHome home, LdapSettings ldap) {
        String scheme = ldap.url().toLowerCase(Locale.ROOT);
        if (scheme.startsWith("ldap://") && !ldap.allowPlain()) {
            throw new SetupException("plain ldap:// sends every directory user's password readable on the network: use ldaps:// "
                    + "with the directory's CA (--ldap-ca), or allow plain LDAP explicitly (--ldap-allow-plain)");
        }
        if (!scheme.startsWith("ldaps://") && !scheme.startsWith("ldap://")) {
            throw new SetupException("the directory URL must start with ldaps:// (or ldap://): " + ldap.url());
        }
        if (scheme.startsWith("ldaps://") && ldap.directoryCa() == null) {
            throw new SetupException("ldaps:// needs the directory's CA certificate (--ldap-ca FILE.pem): it is trusted for the "
                    + "directory only, never the JVM's default CAs");
        }
        SecretStore secrets = openSecrets(home);
        secrets.put(LDAP_BIND, ldap.bindPassword());
        if (ldap.directoryCa() != null) {
            InternalCa.write(InternalCa.trustStoreOf(List.of(ldap.directoryCa())), home.ldapTrustStore(),
                    secrets.getOrGenerate(LDAP_TRUSTSTORE).toCharArray());
        }
        Properties props = readProperties(home.serverProperties());
        props.setProperty("vigil.ldap.allow.plain", String.valueOf(ldap.allowPlain()));
        props.setProperty("vigil.ldap.url", ldap.url());
        props.setProperty("vigil.ldap.bind.dn", ldap.bindDn());
        props.setProperty("vigil.ldap.users.dn", ldap.usersDn());
        props.setProperty("vigil.ldap.groups.dn", ldap.groupsDn());
        props.setProperty("vigil.ldap.user.attribute", ldap.userAttribute());
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /**
     * Where the SIEM's syslog receiver listens for syslog over TLS (RFC 5425) and the CA its
     * certificate comes from (trusted for the SIEM only); see wildfly-config 70-logging.cli.
     */
    public record SiemSettings(String host, int port, X509Certificate siemCa) {
    }

    /**
     * Points the installation's audit trail and signed chain heads at a SIEM. Only over TLS: the
     * SIEM's CA is required, and nothing is sent in clear.
     */
    public static void configureSiem(VigilHome home, SiemSettings siem) {
        if (siem.host() == null || !siem.host().matches("[A-Za-z0-9.:-]{1,253}")) {
            throw new SetupException("the SIEM host must be a host name or an IP address");
        }
        if (siem.port() < 1 || siem.port() > 65535) {
            throw new SetupException("the SIEM port must be 1-65535 (6514 for syslog over TLS)");
        }
        if (siem.siemCa() == null) {
            throw new SetupException("syslog goes to the SIEM over TLS only: its CA certificate is required (--siem-ca FILE.pem)");
        }
        SecretStore secrets = openSecrets(home);
        InternalCa.write(InternalCa.trustStoreOf(List.of(siem.siemCa())), home.siemTrustStore(),
                secrets.getOrGenerate(SIEM_TRUSTSTORE).toCharArray());
        Properties props = readProperties(home.serverProperties());
        props.setProperty("vigil.siem.host", siem.host());
        props.setProperty("vigil.siem.port", String.valueOf(siem.port()));
        props.setProperty("vigil.siem.level", "INFO");
        props.remove("vigil.syslog.target"); // the plain UDP sender of earlier versions is gone
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /** The OpenID provider's trust store password: a system property, as the OIDC client reads it (46-sso.cli). */
    static final String P_OIDC_TRUSTSTORE_PASSWORD = "vigil.oidc.truststore.password";

    /**
     * The OIDC client's trust store exists from the first start (empty: single sign-on trusts no
     * provider until {@link #configureOidc} names one), so the SSO module always deploys.
     */
    static void ensureOidcTrustStore(VigilHome home, Properties props) {
        String password = props.getProperty(P_OIDC_TRUSTSTORE_PASSWORD);
        if (password == null) {
            password = Passwords.generate();
            props.setProperty(P_OIDC_TRUSTSTORE_PASSWORD, password);
        }
        if (!Files.exists(home.oidcTrustStore())) {
            InternalCa.write(InternalCa.trustStoreOf(List.of()), home.oidcTrustStore(), password.toCharArray());
        }
    }

    /**
     * An OpenID provider users may sign in through (46-sso.cli): its issuer URL (HTTPS only), the
     * client Vigil is registered as and its secret, and the CA the provider's certificate comes
     * from (trusted for the provider only). The ID token's {@code preferred_username} names the
     * account and its {@code groups} claim the groups that rights are granted to.
     */
    public record OidcSettings(String issuer, String clientId, String clientSecret, X509Certificate providerCa) {
    }

    /** The OIDC client's trust store password (a system property in the server's properties, not the credential store). */
    public static String oidcTrustStorePassword(VigilHome home) {
        return readProperties(home.serverProperties()).getProperty(P_OIDC_TRUSTSTORE_PASSWORD);
    }

    /** Points single sign-on at an OpenID provider. */
    public static void configureOidc(VigilHome home, OidcSettings oidc) {
        if (oidc.issuer() == null || !oidc.issuer().matches("https://[A-Za-z0-9.:\\[\\]-]{1,253}(/[A-Za-z0-9._~%/-]*)?")) {
            throw new SetupException("the OpenID provider's issuer must be an https:// URL (e.g. https://sso.example.com/realms/staff)");
        }
        if (oidc.clientId() == null || !oidc.clientId().matches("[A-Za-z0-9._-]{1,128}")) {
            throw new SetupException("the client id must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (oidc.clientSecret() == null || oidc.clientSecret().length() < 16) {
            throw new SetupException("the client secret must have at least 16 characters");
        }
        if (oidc.providerCa() == null) {
            throw new SetupException("the provider's CA certificate is required: it is trusted for the provider only");
        }
        Properties props = readProperties(home.serverProperties());
        ensureOidcTrustStore(home, props);
        InternalCa.write(InternalCa.trustStoreOf(List.of(oidc.providerCa())), home.oidcTrustStore(),
                props.getProperty(P_OIDC_TRUSTSTORE_PASSWORD).toCharArray());
        props.setProperty("vigil.oidc.provider.url", oidc.issuer());
        props.setProperty("vigil.oidc.client.id", oidc.clientId());
        props.setProperty("vigil.oidc.client.password", oidc.clientSecret());
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /** Alias of the SMTP account's password in the credential store (read by the notification sender). */
    public static final String SMTP_PASSWORD = "smtp-password";

    /**
     * The SMTP server alarm e-mails go through (wildfly-config 75-mail.cli): host and port, the
     * sender address, optionally an account (user and password) and the CA the server's
     * certificate comes from (trusted for it only; without it the JVM's CAs).
     */
    public record SmtpSettings(String host, int port, String from, String user, String password, X509Certificate smtpCa) {
    }

    /** Points the installation's alarm e-mails at an SMTP server; STARTTLS is always required. */
    public static void configureSmtp(VigilHome home, SmtpSettings smtp) {
        if (smtp.host() == null || !smtp.host().matches("[A-Za-z0-9.:-]{1,253}")) {
            throw new SetupException("the SMTP host must be a host name or an IP address");
        }
        if (smtp.port() < 1 || smtp.port() > 65535) {
            throw new SetupException("the SMTP port must be 1-65535 (587 for submission with STARTTLS)");
        }
        if (smtp.from() == null || !smtp.from().matches("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}")) {
            throw new SetupException("the sender (--smtp-from) must be an address like vigil@example.com");
        }
        if ((smtp.user() == null) != (smtp.password() == null)) {
            throw new SetupException("an SMTP account needs both --smtp-user and VIGIL_SMTP_PASSWORD");
        }
        Properties props = readProperties(home.serverProperties());
        if (smtp.user() != null) {
            openSecrets(home).put(SMTP_PASSWORD, smtp.password());
            props.setProperty("vigil.smtp.user", smtp.user());
        } else {
            props.remove("vigil.smtp.user");
        }
        try {
            if (smtp.smtpCa() != null) {
                InternalCa.writePem(smtp.smtpCa(), home.smtpCa());
            } else {
                Files.deleteIfExists(home.smtpCa());
            }
        } catch (IOException e) {
            throw new SetupException("cannot remove " + home.smtpCa() + ": " + e.getMessage(), e);
        }
        props.setProperty("vigil.smtp.host", smtp.host());
        props.setProperty("vigil.smtp.port", String.valueOf(smtp.port()));
        props.setProperty("vigil.smtp.from", smtp.from());
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /**
     * Replaces the server signing key (alias {@code signing}) by a new one from the installation's
     * CA, keeping the time-stamping key. Run with the server stopped (it reads the key once); at
     * its next start the server registers the new certificate and keeps the old one as retired, so
     * chain heads and exports signed before still verify. Returns the new certificate.
     */
    public static X509Certificate rotateSigningKey(VigilHome home) {
        SecretStore secrets = openSecrets(home);
        TokenKeys token = installationToken(home, secrets);
        String name = "Vigil signing " + home.root().getFileName() + " " + LocalDate.now(ZoneOffset.UTC);
        if (token != null) {
            X509Certificate signer = InternalCa.fromToken(token).issueSignerIn(token, name);
            writeSigningCertificates(home, secrets, token);
            return signer;
        }
        InternalCa ca = InternalCa.load(home.caKeyStore(), secrets.require(CA_KEYSTORE).toCharArray());
        char[] password = secrets.require(SIGNING_KEYSTORE).toCharArray();
        try {
            KeyStore signing = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(home.signingKeyStore())) {
                signing.load(in, password);
            }
            KeyStore issued = ca.issueSigner(name, password);
            signing.setKeyEntry("signing", issued.getKey("signing", password), password, issued.getCertificateChain("signing"));
            InternalCa.write(signing, home.signingKeyStore(), password);
            return (X509Certificate) issued.getCertificate("signing");
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot rotate the signing key in " + home.signingKeyStore() + ": " + e.getMessage(), e);
        }
    }

    /** The installation's CA: its key from the token when the installation has one, else from its key store. */
    public static InternalCa certificateAuthority(VigilHome home, SecretStore secrets) {
        TokenKeys token = installationToken(home, secrets);
        return token != null ? InternalCa.fromToken(token)
                : InternalCa.load(home.caKeyStore(), secrets.require(CA_KEYSTORE).toCharArray());
    }

    /** The PKCS#11 token the installation keeps its keys in, opened; null when they are in files. */
    public static TokenKeys installationToken(VigilHome home, SecretStore secrets) {
        String config = readProperties(home.serverProperties()).getProperty(TokenKeys.CONFIG_PROPERTY);
        return config == null ? null : TokenKeys.open(Path.of(config), secrets.require(TokenKeys.PIN_ALIAS).toCharArray());
    }

    /**
     * The token of this installation: the one its configuration names, or on the first run the
     * one {@code settings} describe (its configuration written, its PIN kept in the credential
     * store). Keys already in files are not moved into a token.
     */
    private static TokenKeys hardwareToken(VigilHome home, Properties props, SecretStore secrets, TokenKeys.Settings settings) {
        if (props.getProperty(TokenKeys.CONFIG_PROPERTY) != null) {
            return TokenKeys.open(Path.of(props.getProperty(TokenKeys.CONFIG_PROPERTY)), secrets.require(TokenKeys.PIN_ALIAS).toCharArray());
        }
        if (settings == null) {
            return null;
        }
        if (Files.exists(home.caKeyStore()) || Files.exists(home.masterKey())) {
            throw new SetupException("this installation keeps its keys in files; they are not moved into a token (a key that was "
                    + "in a file stays a copy someone may have): set up a new installation with the token");
        }
        TokenKeys.writeConfig(home.pkcs11Config(), settings);
        secrets.put(TokenKeys.PIN_ALIAS, new String(settings.pin()));
        props.setProperty(TokenKeys.CONFIG_PROPERTY, home.pkcs11Config().toString());
        return TokenKeys.open(home.pkcs11Config(), settings.pin());
    }

    /** Sets one system property for the server (e.g. {@code vigil.camera.networks.allowed}); kept across setup runs. */
    public static void setServerProperty(VigilHome home, String name, String value) {
        Properties props = readProperties(home.serverProperties());
        props.setProperty(name, value);
        writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /** Opens the secrets of an installation that was set up before. */
    public static SecretStore openSecrets(VigilHome home) {
        Properties props = readProperties(home.serverProperties());
        String password = props.getProperty(P_CREDSTORE_PASSWORD);
        if (password == null) {
            throw new SetupException(home.serverProperties() + " is missing or incomplete; run the setup first");
        }
        return SecretStore.open(home.credentialStore(), password.toCharArray(), false);
    }

    private static void ensureTls(VigilHome home, SecretStore secrets, TokenKeys token) {
        char[] caPassword = secrets.getOrGenerate(CA_KEYSTORE).toCharArray();
        InternalCa ca;
        if (token != null) {
            ca = token.contains(InternalCa.CA_ALIAS) ? InternalCa.fromToken(token)
                    : InternalCa.createIn(token, home.root().getFileName().toString());
            ca.saveCertificate(home.caKeyStore(), caPassword);
        } else if (Files.isRegularFile(home.caKeyStore())) {
            ca = InternalCa.load(home.caKeyStore(), caPassword);
        } else {
            ca = InternalCa.create(home.root().getFileName().toString());
            ca.save(home.caKeyStore(), caPassword);
        }
        if (!Files.isRegularFile(home.serverKeyStore())) {
            char[] password = secrets.getOrGenerate(TLS_KEYSTORE).toCharArray();
            InternalCa.write(ca.issueServer("localhost", InternalCa.localHostNames(), List.of("127.0.0.1", "::1"),
                    password), home.serverKeyStore(), password);
        }
        if (token != null) {
            if (!token.contains("signing")) {
                ca.issueSignerIn(token, "Vigil signing " + home.root().getFileName());
            }
            if (!token.contains("tsa")) {
                ca.issueTimeStampingIn(token, "Vigil time-stamping " + home.root().getFileName());
            }
            writeSigningCertificates(home, secrets, token);
        } else {
            if (!Files.isRegularFile(home.signingKeyStore())) {
                char[] password = secrets.getOrGenerate(SIGNING_KEYSTORE).toCharArray();
                InternalCa.write(ca.issueSigner("Vigil signing " + home.root().getFileName(), password),
                        home.signingKeyStore(), password);
            }
            addTimeStampingKey(home, secrets, ca);
        }
        if (!Files.isRegularFile(home.trustStore())) {
            InternalCa.write(ca.trustStore(), home.trustStore(), secrets.getOrGenerate(TLS_TRUSTSTORE).toCharArray());
        }
        if (!Files.isRegularFile(home.ldapTrustStore())) { // empty until a directory is configured (45-ldap.cli opens it at boot)
            InternalCa.write(InternalCa.trustStoreOf(List.of()), home.ldapTrustStore(),
                    secrets.getOrGenerate(LDAP_TRUSTSTORE).toCharArray());
        }
        if (!Files.isRegularFile(home.siemTrustStore())) { // empty until a SIEM is configured (70-logging.cli opens it at boot)
            InternalCa.write(InternalCa.trustStoreOf(List.of()), home.siemTrustStore(),
                    secrets.getOrGenerate(SIEM_TRUSTSTORE).toCharArray());
        }
    }

    /**
     * With the keys in a token, the signing key store holds the signing and time-stamping
     * certificates only: WildFly opens it at boot, and tools read the certificates there.
     */
    private static void writeSigningCertificates(VigilHome home, SecretStore secrets, TokenKeys token) {
        try {
            KeyStore certificates = KeyStore.getInstance("PKCS12");
            certificates.load(null, null);
            certificates.setCertificateEntry("signing", token.certificate("signing"));
            certificates.setCertificateEntry("tsa", token.certificate("tsa"));
            InternalCa.write(certificates, home.signingKeyStore(), secrets.getOrGenerate(SIGNING_KEYSTORE).toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot write " + home.signingKeyStore() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Vigil's own time-stamping authority (RFC 3161 tokens on evidence exports) keeps its key
     * beside the signing key, alias {@code tsa}; added to installations made before it existed.
     */
    private static void addTimeStampingKey(VigilHome home, SecretStore secrets, InternalCa ca) {
        char[] password = secrets.getOrGenerate(SIGNING_KEYSTORE).toCharArray();
        try {
            KeyStore signing = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(home.signingKeyStore())) {
                signing.load(in, password);
            }
            if (signing.containsAlias("tsa")) {
                return;
            }
            KeyStore issued = ca.issueTimeStamping("Vigil time-stamping " + home.root().getFileName(), password);
            signing.setKeyEntry("tsa", issued.getKey("tsa", password), password, issued.getCertificateChain("tsa"));
            InternalCa.write(signing, home.signingKeyStore(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot add the time-stamping key to " + home.signingKeyStore() + ": " + e.getMessage(), e);
        }
    }

    private static void ensureMasterKey(VigilHome home) {
        if (Files.isRegularFile(home.masterKey())) {
            return;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.write(home.masterKey(), key);
        } catch (IOException e) {
            throw new SetupException("cannot write " + home.masterKey() + ": " + e.getMessage(), e);
        }
        FilePermissions.ownerOnly(home.masterKey());
    }

    /** The broker's users file holds only digests; the clear passwords stay in the credential store. */
    static void writeBrokerIdentities(VigilHome home, SecretStore secrets) {
        StringBuilder users = new StringBuilder("#$REALM_NAME=" + SERVICES_REALM + "$\n");
        StringBuilder roles = new StringBuilder();
        for (ServiceIdentity identity : ServiceIdentity.values()) {
            String password = secrets.getOrGenerate(identity.credentialAlias());
            users.append(identity.principal()).append('=')
                    .append(digest(identity.principal(), password)).append('\n');
            roles.append(identity.principal()).append('=').append(identity.principal()).append('\n');
        }
        writeText(home.jmsUsers(), users.toString());
        writeText(home.jmsRoles(), roles.toString());
    }

    /**
     * The monitoring realm's one identity: its digest hash for WildFly, its password in the clear
     * (owner-only) for the operator to put into the scraper's configuration.
     */
    static void writeScraperIdentity(VigilHome home, SecretStore secrets) {
        String password = secrets.getOrGenerate(METRICS_SCRAPER);
        writeText(home.monitoringUsers(), "#$REALM_NAME=" + MONITORING_REALM + "$\n"
                + METRICS_SCRAPER + "=" + digest(METRICS_SCRAPER, MONITORING_REALM, password) + "\n");
        writeText(home.metricsScraperPassword(), password + "\n");
    }

    static String digest(String user, String password) {
        return digest(user, SERVICES_REALM, password);
    }

    static String digest(String user, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(
                    (user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void createPrivateDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SetupException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        FilePermissions.ownerOnly(dir);
    }

    static Properties readProperties(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new SetupException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return props;
    }

    static void writeProperties(Path file, Properties props, String comment) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, comment);
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
        FilePermissions.ownerOnly(file);
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
        FilePermissions.ownerOnly(file);
    }
}
