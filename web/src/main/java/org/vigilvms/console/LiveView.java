package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;

/** The live grid: layouts 1, 2x2, 3x3, 4x4 (?layout=1..4) of the cameras the user may watch. */
@Named
@RequestScoped
public class LiveView {

    @Inject
    private CameraService cameras;

    private List<CameraView> tiles;

    /** Tiles per side: 1 to 4. */
    public int getLayout() {
        String param = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("layout");
        try {
            return Math.max(1, Math.min(4, Integer.parseInt(param == null ? "2" : param)));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** The cameras shown, at most layout x layout, in name order. */
    public List<CameraView> getTiles() {
        if (tiles == null) {
            List<CameraView> all = cameras.liveCameras();
            int n = getLayout() * getLayout();
            tiles = all.size() > n ? all.subList(0, n) : all;
        }
        return tiles;
    }
}
