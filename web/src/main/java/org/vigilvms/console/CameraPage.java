package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.live.LiveService;

/**
 * One camera's page (?id=N): large live picture with, for users holding LISTEN on it (and no
 * privacy masks to see), its sound, and, for users holding PTZ on it, the PTZ pad.
 * What the page shows comes from {@link CameraService}; every command is checked there again.
 */
@Named
@RequestScoped
public class CameraPage {

    @Inject
    private CameraService cameras;

    @Inject
    private LiveService live;

    private Optional<CameraView> camera;

    private long id() {
        try {
            return Long.parseLong(FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                    .getOrDefault("id", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The camera, or null when there is none the user may watch under that id. */
    public CameraView getCamera() {
        if (camera == null) {
            camera = cameras.liveCamera(id());
        }
        return camera.orElse(null);
    }

    public boolean isListen() {
        return getCamera() != null && live.mayListen(id());
    }

    public boolean isPtz() {
        return getCamera() != null && cameras.mayControlPtz(id());
    }
}
