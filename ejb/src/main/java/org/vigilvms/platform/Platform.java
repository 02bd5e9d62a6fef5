package org.vigilvms.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Producers of the few things services need from their surroundings: the time (injected, so
 * tests can set it), this node's name and roles, and the installation folder layout from the {@code vigil.*}
 * system properties.
 */
@ApplicationScoped
public class Platform {

    /** Software version reported in heartbeats and health. */
    public static final String VERSION = "0.1.0";

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    public NodeName nodeName() {
        return NodeName.fromSystemProperty();
    }

    /** The roles this node runs ({@code vigil.role.*}); a value other than true or false stops the deployment. */
    @Produces
    public NodeRoles nodeRoles() {
        return NodeRoles.from(System::getProperty);
    }

    @Produces
    public InstallationPaths installationPaths() {
        String home = System.getProperty("vigil.home");
        Path root = home != null ? Path.of(home) : Path.of(System.getProperty("jboss.server.data.dir"), "vigil");
        Path data = Path.of(System.getProperty("jboss.server.data.dir", root.toString()), "vigil");
        String storage = System.getProperty("vigil.storage.dir");
        return new InstallationPaths(root, data, storage != null ? Path.of(storage) : root.resolve("storage"));
    }
}
