package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.view.ViewService;

/**
 * The live grid: layouts 1, 2x2, 3x3, 4x4 ({@code ?layout=1..4}) of the cameras the user may
 * watch, in name order, or in the order given ({@code ?cameras=3,0,5}, 0 = empty tile), or a
 * saved view ({@code ?view=ID}). A camera the user may not watch is never a tile. Beside the grid,
 * the same cameras as a tree by site, to drag onto a tile. The grid as shown is saved as a view
 * by the page's form: the layout and the tiles travel with it as they were rendered, and
 * {@link ViewService} judges them again.
 */
@Named
@RequestScoped
public class LiveView {

    /** One tile: its place and camera (null: empty). */
    public record Tile(int index, CameraView camera) {
    }

    @Inject
    private CameraService cameras;

    @Inject
    private ViewService views;

    @Inject
    private ConsoleRefusals refusals;

    private List<CameraView> watchable;
    private List<Tile> tiles;
    private TreeNode<Object> tree;
    private List<ViewService.ViewSummary> savedViews;
    private ViewService.ViewLayout view;
    private String problem;

    private List<String> shareGroups;

    private String saveName;
    private String saveShare;
    private String shownLayout;
    private String shownTiles;

    private Map<String, String> params() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    }

    /** The saved view asked for, when it is one of the user's or shared with a group of theirs. */
    public ViewService.ViewLayout getView() {
        String id = params().get("view");
        if (view == null && id != null && problem == null) {
            try {
                view = views.open(Long.parseLong(id));
            } catch (NumberFormatException | InvalidRequestException e) {
                problem = "No saved view " + id + " of yours.";
            }
        }
        return view;
    }

    public String getProblem() {
        getView();
        return problem;
    }

    /** Tiles per side: 1 to 4. */
    public int getLayout() {
        if (getView() != null) {
            return view.layout();
        }
        try {
            return Math.max(1, Math.min(4, Integer.parseInt(params().getOrDefault("layout", "2"))));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** The cameras the user may watch live (for choosing a tile's camera). */
    public List<CameraView> getWatchable() {
        if (watchable == null) {
            watchable = cameras.liveCameras();
        }
        return watchable;
    }

    /**
     * Up to this many cameras in the tree, every site is open; beyond, the sites are closed and the
     * page holds their names only: a site's cameras come from the server when it is opened.
     */
    static final int OPEN_SITES_UP_TO = 100;

    /**
     * The cameras the user may watch under their sites (in name order): nodes "site" and "camera".
     * Every site is open up to {@link #OPEN_SITES_UP_TO} cameras; the page's tree is dynamic, so a
     * closed site's cameras are rendered only when it is opened.
     */
    public TreeNode<Object> getTree() {
        if (tree == null) {
            tree = new DefaultTreeNode<>(null, null);
            Map<String, List<CameraView>> bySite = new TreeMap<>();
            for (CameraView camera : getWatchable()) {
                bySite.computeIfAbsent(camera.site(), s -> new ArrayList<>()).add(camera);
            }
            boolean open = getWatchable().size() <= OPEN_SITES_UP_TO;
            bySite.forEach((site, inSite) -> {
                TreeNode<Object> node = new DefaultTreeNode<>("site", site, tree);
                node.setExpanded(open);
                inSite.forEach(camera -> new DefaultTreeNode<>("camera", camera, node));
            });
        }
        return tree;
    }

    public List<Tile> getTiles() {
        if (tiles == null) {
            int n = getLayout() * getLayout();
            List<CameraView> chosen = new ArrayList<>();
            if (getView() != null) {
                chosen.addAll(view.tiles());
            } else if (params().get("cameras") != null) {
                Map<Long, CameraView> byId = getWatchable().stream().collect(Collectors.toMap(CameraView::id, Function.identity()));
                for (String id : params().get("cameras").split(",", -1)) {
                    try {
                        chosen.add(byId.get(Long.parseLong(id.trim())));
                    } catch (NumberFormatException e) {
                        chosen.add(null);
                    }
                }
            } else {
                chosen.addAll(getWatchable());
            }
            tiles = new ArrayList<>();
            for (int i = 0; i < Math.min(n, chosen.size()); i++) {
                tiles.add(new Tile(i, chosen.get(i)));
            }
            while (tiles.size() < n && (getView() != null || params().get("cameras") != null)) {
                tiles.add(new Tile(tiles.size(), null));
            }
        }
        return tiles;
    }

    /** Whether the user may steer this tile's camera (it has PTZ, and they the PTZ right on it): its tile gets a pad. */
    public boolean steerable(long cameraId) {
        return steerable.computeIfAbsent(cameraId, cameras::mayControlPtz);
    }

    private final Map<Long, Boolean> steerable = new HashMap<>();

    /** The directory groups of the user's that a view can be shared with. */
    public List<String> getShareGroups() {
        if (shareGroups == null) {
            shareGroups = views.shareableGroups();
        }
        return shareGroups;
    }

    public List<ViewService.ViewSummary> getSavedViews() {
        if (savedViews == null) {
            savedViews = views.mine(); // the page asks more than once per request
        }
        return savedViews;
    }

    /** The name to save the grid under: the open view's, at first. */
    public String getSaveName() {
        return saveName != null ? saveName : getView() == null ? "" : view.name();
    }

    public void setSaveName(String saveName) {
        this.saveName = saveName;
    }

    /** The group to share it with ("" for nobody): the open view's, at first. */
    public String getSaveShare() {
        return saveShare != null ? saveShare : getView() == null || view.sharedWith() == null ? "" : view.sharedWith();
    }

    public void setSaveShare(String saveShare) {
        this.saveShare = saveShare;
    }

    /** The layout as rendered, which the save form sends back. */
    public String getShownLayout() {
        return shownLayout != null ? shownLayout : String.valueOf(getLayout());
    }

    public void setShownLayout(String shownLayout) {
        this.shownLayout = shownLayout;
    }

    /** The tiles' cameras as rendered, in tile order (0: empty), which the save form sends back. */
    public String getShownTiles() {
        return shownTiles != null ? shownTiles : getTiles().stream().map(t -> t.camera() == null ? "0" : String.valueOf(t.camera().id()))
                .collect(Collectors.joining(","));
    }

    public void setShownTiles(String shownTiles) {
        this.shownTiles = shownTiles;
    }

    /**
     * Saves the grid as it was shown under the name and group typed, then opens the saved view; a
     * refusal is told next to the field it is about (the service audited a refused camera or group,
     * the console audits the rest).
     */
    public String save() {
        try {
            List<Long> tiles = new ArrayList<>();
            for (String id : getShownTiles().split(",", -1)) {
                tiles.add(id.isBlank() ? 0L : Long.parseLong(id.trim()));
            }
            ViewService.ViewSummary saved = views.save(getSaveName(), Integer.parseInt(getShownLayout().trim()), tiles,
                    getSaveShare());
            return "live.xhtml?faces-redirect=true&view=" + saved.id();
        } catch (NumberFormatException e) {
            String reason = "layout or tiles not numbers";
            refusals.refused("save view", reason, "save-view:name", ConsoleTexts.format("live.notSaved", reason));
        } catch (InvalidRequestException e) {
            refusals.refused("save view", e, e.getMessage().startsWith("sharedWith") ? "save-view:share" : "save-view:name",
                    ConsoleTexts.format("live.notSaved", e.getMessage()));
        }
        return null;
    }
}
