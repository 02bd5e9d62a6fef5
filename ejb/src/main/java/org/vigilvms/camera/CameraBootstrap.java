package org.vigilvms.camera;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Imports the cameras an installer left in {@code <vigil.home>/bootstrap/cameras.json} (a JSON
 * array of {name, site, streamUrl, username, password}) at start, then deletes the file: how
 * the run command registers its demo cameras, and how a site can be provisioned before anyone
 * has signed in. The file is owner-only and read once; passwords go sealed into the database.
 */
@PermitAll // start-up only; reads a file only the installation's owner can write
@Singleton
@Startup
public class CameraBootstrap {

    @Inject
    private NodeRoles roles;

    static final String FILE = "cameras.json";

    @Inject
    private CameraRegistry registry;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @PostConstruct
    void importCameras() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        Path file = paths.bootstrapDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        NewCamera[] cameras;
        try (var jsonb = JsonbBuilder.create()) {
            cameras = jsonb.fromJson(Files.readString(file), NewCamera[].class);
            Files.delete(file);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the camera bootstrap file " + file + ": " + e.getMessage(), e);
        }
        for (NewCamera camera : cameras) {
            try {
                registry.register(em, camera, "system");
            } catch (InvalidRequestException e) {
                // one bad entry does not stop the others; it is named in the log
                Logger.getLogger(CameraBootstrap.class).warnf("bootstrap camera %s not added: %s",
                        camera.name(), e.getMessage());
            }
        }
    }
}
