package org.vigilvms.setup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the setup, for operators preparing their own WildFly and for the build:
 * {@code java -cp ... org.vigilvms.setup.VigilSetup --home DIR --db-url URL [--db-user USER]}.
 * The database password is read from the environment variable VIGIL_DB_PASSWORD when set,
 * otherwise generated. A directory is configured with {@code --ldap-url URL --ldap-bind-dn DN
 * --ldap-users-dn DN --ldap-groups-dn DN [--ldap-user-attribute uid|sAMAccountName]
 * [--ldap-ca FILE.pem] [--ldap-allow-plain]}: {@code ldaps://} needs the directory's CA (trusted for
 * the directory only), {@code ldap://} an explicit {@code --ldap-allow-plain}; its bind password
 * comes from VIGIL_LDAP_BIND_PASSWORD and goes to the credential store only. The audit trail and
 * the signed chain heads go to a SIEM with {@code --siem HOST:PORT --siem-ca FILE.pem} (syslog over
 * TLS only, trusting that CA for the SIEM only). Alarm e-mails go through {@code --smtp HOST:PORT
 * --smtp-from ADDRESS [--smtp-user USER] [--smtp-ca FILE.pem]} (STARTTLS required; the account's
 * password from VIGIL_SMTP_PASSWORD, into the credential store only). Single sign-on through an
 * OpenID provider: {@code --oidc-issuer https://... --oidc-client ID --oidc-ca FILE.pem}, the
 * client secret from VIGIL_OIDC_CLIENT_SECRET (the provider's CA trusted for the provider only).
 * {@code --rotate-signing-key} (server stopped)
 * replaces the server signing key by a new one from the installation's CA. On the first run,
 * {@code --pkcs11-library FILE.so --pkcs11-slot N} (user PIN from VIGIL_PKCS11_PIN) generates the
 * CA, signing, time-stamping and master keys inside that PKCS#11 token instead of files.
 * {@code --recorder-node NAME --node-home DIR [--node-host HOST] [--node-storage DIR]} makes the
 * installation folder of a recorder node, to be copied to it (see {@link RecorderNodeSetup}); the
 * recorder's database role password comes from VIGIL_DB_RECORDER_PASSWORD when set.
 */
public final class VigilSetup {

    private VigilSetup() {
    }

    public static void main(String[] args) {
        Path home = null;
        String url = null;
        String user = "vigil";
        String ldapUrl = null;
        String bindDn = null;
        String usersDn = null;
        String groupsDn = null;
        String userAttribute = "uid";
        Path ldapCa = null;
        boolean ldapAllowPlain = false;
        boolean rotateSigningKey = false;
        String siem = null;
        Path siemCa = null;
        String smtp = null;
        String smtpFrom = null;
        String smtpUser = null;
        Path smtpCa = null;
        String oidcIssuer = null;
        String oidcClient = "vigil";
        Path oidcCa = null;
        Path pkcs11Library = null;
        String pkcs11Slot = null;
        String recorderNode = null;
        Path nodeHome = null;
        List<String> nodeHosts = new ArrayList<>();
        Path nodeStorage = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> home = Path.of(required(args[i], value));
                case "--db-url" -> url = required(args[i], value);
                case "--db-user" -> user = required(args[i], value);
                case "--ldap-url" -> ldapUrl = required(args[i], value);
                case "--ldap-bind-dn" -> bindDn = required(args[i], value);
                case "--ldap-users-dn" -> usersDn = required(args[i], value);
                case "--ldap-groups-dn" -> groupsDn = required(args[i], value);
                case "--ldap-user-attribute" -> userAttribute = required(args[i], value);
                case "--ldap-ca" -> ldapCa = Path.of(required(args[i], value));
                case "--siem" -> siem = required(args[i], value);
                case "--siem-ca" -> siemCa = Path.of(required(args[i], value));
                case "--smtp" -> smtp = required(args[i], value);
                case "--smtp-from" -> smtpFrom = required(args[i], value);
                case "--smtp-user" -> smtpUser = required(args[i], value);
                case "--smtp-ca" -> smtpCa = Path.of(required(args[i], value));
                case "--oidc-issuer" -> oidcIssuer = required(args[i], value);
                case "--oidc-client" -> oidcClient = required(args[i], value);
                case "--oidc-ca" -> oidcCa = Path.of(required(args[i], value));
                case "--pkcs11-library" -> pkcs11Library = Path.of(required(args[i], value));
                case "--pkcs11-slot" -> pkcs11Slot = required(args[i], value);
                case "--recorder-node" -> recorderNode = required(args[i], value);
                case "--node-home" -> nodeHome = Path.of(required(args[i], value));
                case "--node-host" -> nodeHosts.add(required(args[i], value));
                case "--node-storage" -> nodeStorage = Path.of(required(args[i], value));
                case "--rotate-signing-key" -> {
                    rotateSigningKey = true;
                    continue; // takes no value
                }
                case "--ldap-allow-plain" -> {
                    ldapAllowPlain = true;
                    continue; // takes no value
                }
                default -> fail("unknown option " + args[i]
                        + " (usage: --home DIR --db-url jdbc:postgresql://HOST:PORT/DB [--db-user USER])");
            }
            i++;
        }
        if (home == null || url == null) {
            fail("--home and --db-url are required");
        }
        TokenKeys.Settings token = null;
        if (pkcs11Library != null || pkcs11Slot != null) {
            String pin = System.getenv("VIGIL_PKCS11_PIN");
            if (pkcs11Library == null || pkcs11Slot == null || !pkcs11Slot.matches("\\d{1,19}") || pin == null || pin.isEmpty()) {
                fail("a PKCS#11 token needs --pkcs11-library FILE.so, --pkcs11-slot N and its user PIN in VIGIL_PKCS11_PIN");
            }
            token = new TokenKeys.Settings(pkcs11Library, Long.parseLong(pkcs11Slot), pin.toCharArray());
        }
        try {
            ServerSetup.Result result = ServerSetup.ensure(new VigilHome(home),
                    new DatabaseSettings(url, user, System.getenv("VIGIL_DB_PASSWORD")), token);
            System.out.println((result.firstRun() ? "Created" : "Checked") + " Vigil installation folder "
                    + result.home().root());
            String recorderPassword = System.getenv("VIGIL_DB_RECORDER_PASSWORD");
            if (recorderPassword != null && !recorderPassword.isEmpty()) {
                // the password a database administrator gave the role vigil_recorder, for the recorder nodes
                result.secrets().put(ServerSetup.DB_RECORDER_PASSWORD, recorderPassword);
            }
            if (recorderNode != null) {
                if (nodeHome == null) {
                    fail("--recorder-node needs --node-home DIR, the node's installation folder to make");
                }
                RecorderNodeSetup.ensure(result.home(), new VigilHome(nodeHome), recorderNode, nodeHosts, nodeStorage);
                System.out.println("Recorder node " + recorderNode + ": installation folder " + nodeHome
                        + " (copy it to the node; its WildFly starts with --properties=" + nodeHome
                        + "/secrets/vigil-server.properties)");
            }
            if (ldapUrl != null) {
                String bindPassword = System.getenv("VIGIL_LDAP_BIND_PASSWORD");
                if (bindDn == null || usersDn == null || groupsDn == null || bindPassword == null) {
                    fail("--ldap-url needs --ldap-bind-dn, --ldap-users-dn, --ldap-groups-dn and VIGIL_LDAP_BIND_PASSWORD");
                }
                ServerSetup.configureLdap(result.home(), new ServerSetup.LdapSettings(ldapUrl, bindDn, bindPassword,
                        usersDn, groupsDn, userAttribute, ldapCa == null ? null : readCertificate(ldapCa), ldapAllowPlain));
                System.out.println("Directory users from " + ldapUrl + " (" + usersDn + ")");
            }
            if (rotateSigningKey) {
                X509Certificate signer = ServerSetup.rotateSigningKey(result.home());
                System.out.println("New signing key: " + signer.getSubjectX500Principal().getName() + ", serial "
                        + signer.getSerialNumber().toString(16) + " (start the server to use it; earlier heads keep verifying)");
            }
            if (siem != null) {
                int colon = siem.lastIndexOf(':');
                if (colon < 1 || !siem.substring(colon + 1).matches("\\d{1,5}")) {
                    fail("--siem takes HOST:PORT");
                }
                ServerSetup.configureSiem(result.home(), new ServerSetup.SiemSettings(siem.substring(0, colon),
                        Integer.parseInt(siem.substring(colon + 1)), siemCa == null ? null : readCertificate(siemCa)));
                System.out.println("Audit trail and chain heads to " + siem + " (syslog over TLS)");
            }
            if (smtp != null) {
                int colon = smtp.lastIndexOf(':');
                if (colon < 1 || !smtp.substring(colon + 1).matches("\\d{1,5}")) {
                    fail("--smtp takes HOST:PORT");
                }
                ServerSetup.configureSmtp(result.home(), new ServerSetup.SmtpSettings(smtp.substring(0, colon),
                        Integer.parseInt(smtp.substring(colon + 1)), smtpFrom, smtpUser,
                        smtpUser == null ? null : System.getenv("VIGIL_SMTP_PASSWORD"),
                        smtpCa == null ? null : readCertificate(smtpCa)));
                System.out.println("Alarm e-mails through " + smtp + " (STARTTLS required) from " + smtpFrom);
            }
            if (oidcIssuer != null) {
                if (oidcCa == null) {
                    fail("--oidc-issuer needs --oidc-ca FILE.pem (the CA of the provider's certificate)");
                }
                ServerSetup.configureOidc(result.home(), new ServerSetup.OidcSettings(oidcIssuer, oidcClient,
                        System.getenv("VIGIL_OIDC_CLIENT_SECRET"), readCertificate(oidcCa)));
                System.out.println("Single sign-on through " + oidcIssuer + " as client " + oidcClient);
            }
            System.out.println("Start WildFly with --properties=" + result.home().serverProperties());
        } catch (SetupException e) {
            fail(e.getMessage());
        }
    }

    static X509Certificate readCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new SetupException("cannot read the CA certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("vigil-setup: " + message);
        System.exit(2);
    }
}
