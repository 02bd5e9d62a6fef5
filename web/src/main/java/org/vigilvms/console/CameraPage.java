package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.camera.PtzCommand;
import org.vigilvms.camera.onvif.OnvifClient;
import org.vigilvms.camera.onvif.OnvifException;
import org.vigilvms.live.LiveService;
import org.vigilvms.platform.InvalidRequestException;

/**
 * One camera's page (?id=N): large live picture with, for users holding LISTEN on it (and no
 * privacy masks to see), its sound, and, for users holding PTZ on it, the PTZ pad and the
 * camera's presets: one button each to go there, and a form that stores the current position
 * under a name (the form sends the camera's id back as the page's own parameter).
 * What the page shows comes from {@link CameraService}; every command is checked there again.
 */
@Named
@RequestScoped
public class CameraPage {

    @Inject
    private CameraService cameras;

    @Inject
    private LiveService live;

    @Inject
    private ConsoleRefusals refusals;

    private Optional<CameraView> camera;
    private List<OnvifClient.Preset> presets;
    private String presetName;
    private String presetOutcome;

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

    /** The camera's presets, as the camera lists them now; none when it cannot be asked (the outcome says why). */
    public List<OnvifClient.Preset> getPresets() {
        if (presets == null) {
            presets = List.of();
            if (isPtz()) {
                try {
                    presets = cameras.ptzPresets(id());
                } catch (InvalidRequestException | OnvifException e) {
                    presetOutcome = ConsoleTexts.format("ptz.presetsFailed", e.getMessage());
                }
            }
        }
        return presets;
    }

    /** Moves the camera to a preset. */
    public void goTo(OnvifClient.Preset preset) {
        try {
            presetOutcome = refusals.attempt("go to preset", () -> {
                cameras.ptz(id(), new PtzCommand("preset", null, null, null, preset.token()));
                return ConsoleTexts.format("ptz.presetReached", preset.name());
            });
        } catch (OnvifException e) {
            refusals.audit("go to preset", e.getMessage());
            presetOutcome = ConsoleTexts.refused(e.getMessage());
        }
    }

    /** Stores the camera's current position as a preset under the name typed, and lists the presets again. */
    public void savePreset() {
        try {
            OnvifClient.Preset saved = cameras.savePreset(id(), presetName);
            presetOutcome = ConsoleTexts.format("ptz.presetSaved", saved.name());
            presetName = null;
            presets = null;
        } catch (InvalidRequestException e) {
            refusals.refused("save preset", e, "presets:name", ConsoleTexts.refused(e.getMessage()));
        } catch (OnvifException e) {
            refusals.refused("save preset", e.getMessage(), "presets:name", ConsoleTexts.refused(e.getMessage()));
        }
    }

    public String getPresetName() {
        return presetName;
    }

    public void setPresetName(String presetName) {
        this.presetName = presetName;
    }

    public String getPresetOutcome() {
        return presetOutcome;
    }
}
