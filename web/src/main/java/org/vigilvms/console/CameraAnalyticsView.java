package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.primefaces.PrimeFaces;
import org.vigilvms.analytics.AnalyticsConfigService;
import org.vigilvms.camera.CameraService;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.Region;

/**
 * A camera's analytics dialog on the cameras page: its detection zones and privacy masks drawn on
 * a live snapshot (or typed in percent of the picture), the sensitivity and tamper detection; each
 * save is a new signed version. {@link AnalyticsConfigService} decides (MANAGE_CAMERAS on the
 * camera); what the dialog can tell first (a rectangle outside the picture, a zone without a name)
 * is told next to its field and audited.
 */
@Named
@ViewScoped
public class CameraAnalyticsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a drawn rectangle becomes. */
    public enum Kind { ZONE, MASK }

    @EJB
    private AnalyticsConfigService analytics;

    @EJB
    private CameraService cameras;

    @Inject
    private ConsoleRefusals refusals;

    private Long cameraId;
    private String cameraName;
    private Integer version;
    private boolean enabled;
    private int sensitivity;
    private boolean tamper;
    private final List<Region> zones = new ArrayList<>();
    private final List<Region> masks = new ArrayList<>();

    private Kind kind = Kind.ZONE;
    private String regionName;
    private Double left;
    private Double top;
    private Double width;
    private Double height;
    private String outcome;
    private String saved;

    /** Opens the dialog on a camera with the version in force (or analytics off, sensitivity 50, nothing drawn). */
    public void open(long id) {
        cameraName = cameras.managed(id).name();
        cameraId = id;
        AnalyticsConfiguration current = analytics.current(id);
        zones.clear();
        masks.clear();
        if (current == null) {
            version = null;
            enabled = false;
            sensitivity = 50;
            tamper = false;
        } else {
            version = current.version();
            enabled = current.enabled();
            sensitivity = current.sensitivity();
            tamper = current.tamper();
            zones.addAll(current.zones());
            masks.addAll(current.masks());
        }
        clearDraft();
        kind = Kind.ZONE;
        outcome = null;
    }

    /** Adds the rectangle of the fields as a zone or a mask (not saved until the dialog is). */
    public void addRegion() {
        String name = regionName == null ? "" : regionName.strip();
        if (kind == Kind.ZONE && name.isEmpty()) {
            String text = ConsoleTexts.current().getString("analytics.zoneNeedsName");
            refusals.refused("draw analytics region", text, "analytics-form:region-name", text);
            return;
        }
        Optional<Region> region = RegionFields.region(name.isEmpty() ? ConsoleTexts.current().getString("analytics.mask") : name,
                left, top, width, height);
        if (region.isEmpty()) {
            String text = ConsoleTexts.current().getString("analytics.outside");
            refusals.refused("draw analytics region", text, "analytics-form:left", text);
            return;
        }
        (kind == Kind.ZONE ? zones : masks).add(region.get());
        clearDraft();
    }

    public void removeZone(int index) {
        zones.remove(index);
    }

    public void removeMask(int index) {
        masks.remove(index);
    }

    /** Saves what the dialog holds as the camera's next version; the dialog closes when it was taken. */
    public void save() {
        boolean[] taken = new boolean[1];
        outcome = refusals.attempt("configure analytics", () -> {
            AnalyticsConfiguration signed = analytics.configure(cameraId,
                    new AnalyticsConfigService.Settings(enabled, sensitivity, tamper, List.copyOf(zones), List.copyOf(masks)));
            taken[0] = true;
            version = signed.version();
            return ConsoleTexts.format("analytics.saved", cameraName, signed.version());
        });
        if (taken[0]) {
            saved = outcome;
            outcome = null;
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        }
    }

    /** Left, top, width and height of a region in percent of the picture, for the boxes drawn over the snapshot. */
    public String box(Region region) {
        return "left: " + RegionFields.percent(region.x()) + "%; top: " + RegionFields.percent(region.y()) + "%; width: "
                + RegionFields.percent(region.width()) + "%; height: " + RegionFields.percent(region.height()) + "%";
    }

    /** A region as its row reads: where it is, in percent of the picture. */
    public String where(Region region) {
        return ConsoleTexts.format("analytics.where", RegionFields.percent(region.x()), RegionFields.percent(region.y()),
                RegionFields.percent(region.width()), RegionFields.percent(region.height()));
    }

    private void clearDraft() {
        regionName = null;
        left = top = width = height = null;
    }

    public Kind[] getKinds() {
        return Kind.values();
    }

    public Long getCameraId() {
        return cameraId;
    }

    public String getCameraName() {
        return cameraName;
    }

    public Integer getVersion() {
        return version;
    }

    public List<Region> getZones() {
        return zones;
    }

    public List<Region> getMasks() {
        return masks;
    }

    public String getOutcome() {
        return outcome;
    }

    /** What the last save that was taken said, for the page under the dialog. */
    public String getSaved() {
        return saved;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getSensitivity() {
        return sensitivity;
    }

    public void setSensitivity(int sensitivity) {
        this.sensitivity = sensitivity;
    }

    public boolean isTamper() {
        return tamper;
    }

    public void setTamper(boolean tamper) {
        this.tamper = tamper;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public String getRegionName() {
        return regionName;
    }

    public void setRegionName(String regionName) {
        this.regionName = regionName;
    }

    public Double getLeft() {
        return left;
    }

    public void setLeft(Double left) {
        this.left = left;
    }

    public Double getTop() {
        return top;
    }

    public void setTop(Double top) {
        this.top = top;
    }

    public Double getWidth() {
        return width;
    }

    public void setWidth(Double width) {
        this.width = width;
    }

    public Double getHeight() {
        return height;
    }

    public void setHeight(Double height) {
        this.height = height;
    }
}
