package org.vigilvms.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.tools.ConsoleLogin;

/**
 * Two WildFly nodes of an installation of their own (its folder and its PostgreSQL) beside the
 * Arquillian container: {@code vigil-1} runs every role, {@link #RECORDER} only the recorder, its
 * outboxes bridged to the first node's broker. Nothing starts until a test says so.
 */
final class NodePair implements AutoCloseable {

    static final String MANAGEMENT = "vigil-1";
    static final String RECORDER = "vigil-2";

    final VigilHome home;
    final LocalInstallation installation;
    final InstallationDb db;
    final LocalServer management;
    final LocalServer recorder;
    /** The first administrator's one-time password, left for the management node's first start. */
    final String oneTimePassword;

    private NodePair(VigilHome home, LocalInstallation installation, LocalServer management, LocalServer recorder,
            String oneTimePassword) {
        this.home = home;
        this.installation = installation;
        this.db = new InstallationDb(installation);
        this.management = management;
        this.recorder = recorder;
        this.oneTimePassword = oneTimePassword;
    }

    /** A fresh installation in {@code <vigil.it.dir>/<folder>}, the nodes' ports moved by the offsets. */
    static NodePair prepare(String folder, int managementOffset, int recorderOffset) {
        VigilHome home = new VigilHome(Path.of(System.getProperty("vigil.it.dir")).resolve(folder));
        LocalInstallation.deleteTree(home.root());
        LocalInstallation installation = LocalInstallation.open(home, null, 0);
        Path jboss = Path.of(System.getProperty("jboss.home"));
        Path ear = Path.of(System.getProperty("vigil.it.ear"));
        LocalServer management = LocalServer.prepare(jboss, home, ear, managementOffset);
        LocalServer recorder = LocalServer.prepareRecorderNode(jboss, home, ear, RECORDER, recorderOffset, managementOffset);
        String oneTimePassword = Passwords.generateTypeable();
        LocalServer.bootstrapAdmin(home, oneTimePassword);
        return new NodePair(home, installation, management, recorder, oneTimePassword);
    }

    /**
     * Starts the management node, waits until it is healthy and signs its first administrator in,
     * choosing a password in place of the one-time one: the API as that administrator.
     */
    AdminApi startManagement() throws IOException, InterruptedException {
        management.start();
        management.awaitHealthy(Duration.ofMinutes(3));
        return new AdminApi(ConsoleLogin.signInChangingPassword(home, management.baseUrl(), "admin", oneTimePassword,
                "Chosen-" + UUID.randomUUID()), management.baseUrl());
    }

    @Override
    public void close() {
        recorder.stop();
        management.stop();
        installation.close();
    }
}
