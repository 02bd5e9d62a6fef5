package org.vigilvms.setup;

import java.nio.file.Path;

/**
 * The layout of an installation folder ({@code vigil.home}): everything that belongs to one
 * installation and must survive upgrades of the server and the EAR.
 */
public record VigilHome(Path root) {

    public VigilHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Default for a user's machine: $VIGIL_HOME, else ~/.local/share/vigil. */
    public static VigilHome defaultForUser() {
        String env = System.getenv("VIGIL_HOME");
        if (env != null && !env.isBlank()) {
            return new VigilHome(Path.of(env));
        }
        return new VigilHome(Path.of(System.getProperty("user.home"), ".local", "share", "vigil"));
    }

    public Path secretsDir() {
        return root.resolve("secrets");
    }

    /** System properties WildFly is started with ({@code --properties}); readable by the owner only. */
    public Path serverProperties() {
        return secretsDir().resolve("vigil-server.properties");
    }

    public Path credentialStore() {
        return secretsDir().resolve("vigil.cs");
    }

    /** AES-256 master key: wraps camera secrets and segment keys; outside the database. */
    public Path masterKey() {
        return secretsDir().resolve("master.key");
    }

    /** The SunPKCS11 configuration of the token that holds the keys, when the installation has one. */
    public Path pkcs11Config() {
        return secretsDir().resolve("pkcs11.cfg");
    }

    public Path jmsUsers() {
        return secretsDir().resolve("jms-users.properties");
    }

    public Path jmsRoles() {
        return secretsDir().resolve("jms-roles.properties");
    }

    /** The monitoring realm (72-metrics.cli): the scraper's digest hash. */
    public Path monitoringUsers() {
        return secretsDir().resolve("monitoring-users.properties");
    }

    /** The scraper's password, for the customer's Prometheus configuration (owner-only). */
    public Path metricsScraperPassword() {
        return secretsDir().resolve("metrics-scraper.password");
    }

    public Path tlsDir() {
        return root.resolve("tls");
    }

    public Path caKeyStore() {
        return tlsDir().resolve("ca.p12");
    }

    /** The internal CA certificate in PEM, for browsers and remote services to trust. */
    public Path caCertificatePem() {
        return tlsDir().resolve("ca.pem");
    }

    public Path serverKeyStore() {
        return tlsDir().resolve("server.p12");
    }

    /**
     * A recorder node's own key for the camera secrets the management node seals for it, alias
     * {@code seal} (only on a node set up by {@link RecorderNodeSetup}, which holds no master key).
     */
    public Path sealKeyStore() {
        return tlsDir().resolve("seal.p12");
    }

    /** The server's signing key and certificate (chain heads, exports, audit), alias {@code signing}. */
    public Path signingKeyStore() {
        return tlsDir().resolve("signing.p12");
    }

    public Path trustStore() {
        return tlsDir().resolve("truststore.p12");
    }

    /**
     * The directory's CA, and nothing else: kept apart from {@link #trustStore()} (which decides
     * whose client certificates get in), so trusting the directory never admits its certificates
     * as devices or services.
     */
    public Path ldapTrustStore() {
        return tlsDir().resolve("ldap-truststore.p12");
    }

    /** The SIEM's CA, and nothing else: what the audit trail and the chain heads are sent to over TLS. */
    public Path siemTrustStore() {
        return tlsDir().resolve("siem-truststore.p12");
    }

    /**
     * The OpenID provider's CA, and nothing else: what the Elytron OIDC client trusts when it
     * fetches the provider's keys and exchanges codes (46-sso.cli); empty until one is configured.
     */
    public Path oidcTrustStore() {
        return tlsDir().resolve("oidc-truststore.p12");
    }

    /** The SMTP server's CA (PEM, a public certificate; the notification sender reads it as tls/smtp-ca.pem). */
    public Path smtpCa() {
        return tlsDir().resolve("smtp-ca.pem");
    }

    public Path databaseDir() {
        return root.resolve("pgdata");
    }

    /** WildFly's server base directory (configuration, data, log, deployments) for the run command. */
    public Path serverBaseDir() {
        return root.resolve("server");
    }

    /** Media storage volume used by default. */
    public Path storageDir() {
        return root.resolve("storage");
    }

    /** One-time files handed from the launcher to the server at first start (e.g. the first admin). */
    public Path bootstrapDir() {
        return root.resolve("bootstrap");
    }
}
