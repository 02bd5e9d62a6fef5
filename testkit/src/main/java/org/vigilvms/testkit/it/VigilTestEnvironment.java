package org.vigilvms.testkit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.hsm.SoftHsm;
import org.vigilvms.testkit.ldap.TestDirectory;
import org.vigilvms.testkit.notify.SmtpReceiver;
import org.vigilvms.testkit.oidc.OpenIdProvider;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.siem.TlsSyslogServer;

/**
 * Prepares, before any test class runs (and so before Arquillian starts the container), a fresh
 * installation in {@code target/it-home}, its embedded PostgreSQL and the server base directory
 * {@code target/it-server}, a test LDAP directory, a SIEM's syslog receiver over TLS (rsyslog)
 * an SMTP server (aiosmtpd, STARTTLS and AUTH required) and an OpenID provider (Keycloak, started
 * beside the server and awaited only by the tests that sign in there) the installation is pointed
 * at; stops them when the test run ends. With
 * {@code vigil.it.keys=pkcs11} the installation keeps its keys in a SoftHSM2 token. Active only where the
 * build sets {@code vigil.it=true} (the failsafe run of the ear module).
 */
public class VigilTestEnvironment implements LauncherSessionListener {

    private static LocalInstallation installation;
    private static TestDirectory directory;
    private static TlsSyslogServer siem;
    private static SmtpReceiver smtp;
    private static OpenIdProvider openIdProvider;
    private static boolean openIdProviderReady;

    /** The OpenID provider's users: one in the group granted rights in the tests, one named like the local administrator. */
    public static final OpenIdProvider.User SSO_OPERATOR =
            new OpenIdProvider.User("olivia.north", Passwords.generate(), List.of("north-operators"));
    public static final OpenIdProvider.User SSO_IMPOSTOR =
            new OpenIdProvider.User("admin", Passwords.generate(), List.of("north-operators"));

    /** The account the installation signs in to the test SMTP server with. */
    public static final String SMTP_USER = "vigil-alarms";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("vigil.it") || installation != null) {
            return;
        }
        Path dir = Path.of(System.getProperty("vigil.it.dir", "target"));
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path homeDir = dir.resolve("it-home");
        Path serverDir = dir.resolve("it-server");
        LocalInstallation.deleteTree(homeDir);
        LocalInstallation.deleteTree(serverDir);
        // the hardware-key run (vigil.it.keys=pkcs11) keeps the CA, signing, time-stamping and master keys in SoftHSM2
        installation = LocalInstallation.open(new VigilHome(homeDir), null, 0,
                "pkcs11".equals(System.getProperty("vigil.it.keys")) ? SoftHsm.newToken("vigil-it") : null);
        directory = TestDirectory.start(Passwords.generate());
        ServerSetup.configureLdap(installation.home(), directory.settings());
        siem = TlsSyslogServer.start(dir.resolve("it-siem"));
        ServerSetup.configureSiem(installation.home(), new ServerSetup.SiemSettings(siem.host(), siem.port(), siem.ca()));
        String smtpPassword = Passwords.generate();
        smtp = SmtpReceiver.start(dir.resolve("it-smtp"), SMTP_USER, smtpPassword);
        ServerSetup.configureSmtp(installation.home(), new ServerSetup.SmtpSettings(smtp.host(), smtp.port(), "vigil@it.example",
                SMTP_USER, smtpPassword, smtp.ca()));
        if (!"pkcs11".equals(System.getProperty("vigil.it.keys"))) {
            startOpenIdProvider(installation, dir.resolve("it-openid"));
        }
        LocalInstallation.prepareServerBaseDir(jbossHome, serverDir);
    }

    private static void startOpenIdProvider(LocalInstallation installation, Path dir) {
        Path zip = Path.of(System.getProperty("vigil.it.keycloak.zip", "target/openid-provider/keycloak.zip"));
        Path java = Path.of(System.getProperty("vigil.it.java21", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(java.resolve("bin/java"))) {
            throw new IllegalStateException("the OpenID provider (Keycloak) needs Java 21 or later: none at " + java
                    + " (set -Dvigil.it.java21=/path/to/jdk)");
        }
        openIdProvider = OpenIdProvider.start(zip, dir, java, "https://localhost:8443/sso/*", List.of(SSO_OPERATOR, SSO_IMPOSTOR));
        ServerSetup.configureOidc(installation.home(), new ServerSetup.OidcSettings(openIdProvider.issuer(),
                OpenIdProvider.CLIENT, openIdProvider.clientSecret(), openIdProvider.ca()));
    }

    /** The OpenID provider the server under test offers single sign-on through, once it answers. */
    public static synchronized OpenIdProvider openIdProvider() {
        if (openIdProvider == null) {
            throw new IllegalStateException("no OpenID provider: run through failsafe with -Dvigil.it=true");
        }
        if (!openIdProviderReady) {
            openIdProvider.awaitReady(Duration.ofMinutes(3));
            openIdProviderReady = true;
        }
        return openIdProvider;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (installation != null) {
            installation.close();
            installation = null;
        }
        if (directory != null) {
            directory.close();
            directory = null;
        }
        if (siem != null) {
            siem.close();
            siem = null;
        }
        if (smtp != null) {
            smtp.close();
            smtp = null;
        }
        if (openIdProvider != null) {
            openIdProvider.close();
            openIdProvider = null;
        }
    }

    /** The SMTP server the server under test sends alarm e-mails to. */
    public static SmtpReceiver smtp() {
        if (smtp == null) {
            throw new IllegalStateException("no SMTP server: run through failsafe with -Dvigil.it=true");
        }
        return smtp;
    }

    /** The LDAP directory the server under test uses for directory users. */
    public static TestDirectory directory() {
        if (directory == null) {
            throw new IllegalStateException("no test directory: run through failsafe with -Dvigil.it=true");
        }
        return directory;
    }

    /** The SIEM's syslog receiver the server under test sends its audit trail and chain heads to. */
    public static TlsSyslogServer siem() {
        if (siem == null) {
            throw new IllegalStateException("no SIEM: run through failsafe with -Dvigil.it=true");
        }
        return siem;
    }

    /** The installation the server under test runs on. */
    public static LocalInstallation installation() {
        if (installation == null) {
            throw new IllegalStateException("no test installation: run through failsafe with -Dvigil.it=true");
        }
        return installation;
    }
}
