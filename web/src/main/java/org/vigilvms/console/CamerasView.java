package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;
import org.vigilvms.camera.CameraQuery;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraTable;
import org.vigilvms.camera.CameraView;
import org.vigilvms.camera.ConnectionReport;
import org.vigilvms.camera.NewCamera;
import org.vigilvms.camera.NewOnvifCamera;
import org.vigilvms.camera.RecordingPlan;
import org.vigilvms.camera.UntrustedCameraCertificateException;
import org.vigilvms.camera.WeeklyHours;
import org.vigilvms.camera.onvif.OnvifException;
import org.vigilvms.camera.onvif.WsDiscovery;
import org.vigilvms.ownership.RecorderNodes;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessDeniedException;

/**
 * The cameras page: a lazy table of the cameras the administrator manages (sorted and filtered by
 * column, a page at a time, health refreshed), a tree of their sites, a dialog to add or change a
 * camera with a connection test first, enable/disable, certificate approval, and ONVIF discovery.
 * Every decision is {@link CameraService}'s (MANAGE_CAMERAS); a refusal is shown as the service
 * words it and audited.
 */
@Named
@ViewScoped
public class CamerasView implements Serializable, CameraRows.Source {

    private static final long serialVersionUID = 1L;
    private static final long DEFAULT_KEEP_SECONDS = 30 * 86400L;

    @EJB
    private CameraService cameras;

    @EJB
    private RecorderNodes nodes;

    @Inject
    private ConsoleRefusals refusals;

    private final CameraRows rows = new CameraRows(this);
    private TreeNode<Site> sites;
    private TreeNode<Site> chosenSite;

    private String outcome;
    private boolean refused;

    private Long editing;
    private String name;
    private String site;
    private String streamUrl;
    private String subStreamUrl;
    private String recorderPin = "";
    private transient List<String> recorderNodes;
    private String username;
    private String password;
    private boolean insecure;
    private String mode;
    private String schedule;
    private String zone;
    private int preSeconds;
    private int postSeconds;
    private double keepDays;
    private boolean[][] hours;
    private long keptSeconds;
    private String test;
    private boolean testOk;

    private String discoveryTarget;
    private List<WsDiscovery.Device> discovered = List.of();
    private String discoveryOutcome;
    private String onvifName;
    private String onvifSite;
    private String onvifUrl;
    private String onvifUsername;
    private String onvifPassword;
    private boolean onvifInsecure;
    private String onvifCertificate;
    private String onvifOutcome;

    @PostConstruct
    void start() {
        clear();
    }

    @Override
    public CameraTable.Page page(CameraQuery query) {
        return cameras.page(query);
    }

    @Override
    public CameraRow row(CameraView camera) {
        return new CameraRow(camera, ConsoleTexts.current());
    }

    public CameraRows getRows() {
        return rows;
    }

    /** A site in the tree: its name and how many of the cameras are there ({@code name} null: all sites). */
    public record Site(String name, long cameras) implements Serializable {
    }

    /** The sites, each with its number of cameras, under "all sites". */
    public TreeNode<Site> getSites() {
        if (sites == null) {
            Map<String, Long> counts = cameras.sites();
            sites = new DefaultTreeNode<>(new Site(null, 0), null);
            TreeNode<Site> all = new DefaultTreeNode<>("all", new Site(null, counts.values().stream().mapToLong(Long::longValue).sum()), sites);
            all.setExpanded(true);
            all.setSelected(rows.atSite() == null);
            counts.forEach((name, count) -> new DefaultTreeNode<>("site", new Site(name, count), all)
                    .setSelected(name.equalsIgnoreCase(rows.atSite())));
        }
        return sites;
    }

    public TreeNode<Site> getChosenSite() {
        return chosenSite;
    }

    public void setChosenSite(TreeNode<Site> chosenSite) {
        this.chosenSite = chosenSite;
    }

    /** The tree's choice: that site's cameras, or all. */
    public void chooseSite() {
        rows.atSite(chosenSite == null ? null : chosenSite.getData().name());
    }

    /** Every 5 s: the table again when the page shown changed (a camera's health, name...); else nothing is sent. */
    public void refresh() {
        if (rows.changed()) {
            PrimeFaces.current().ajax().update("cameras-form:table");
        }
    }

    /** An empty dialog for a new camera. */
    public void add() {
        clear();
    }

    /** The dialog filled with a camera's settings; a blank password keeps the stored one. */
    public void edit(long id) {
        clear();
        CameraView camera;
        try {
            camera = cameras.managed(id);
        } catch (InvalidRequestException e) {
            refuse("edit", e.getMessage());
            return;
        }
        editing = id;
        name = camera.name();
        site = camera.site();
        streamUrl = camera.streamUrl();
        subStreamUrl = camera.subStreamUrl();
        recorderPin = camera.recorderPin() == null ? "" : camera.recorderPin();
        username = camera.username();
        mode = camera.recordingMode();
        schedule = camera.recordingSchedule();
        zone = camera.scheduleTimeZone();
        preSeconds = camera.preBufferSeconds();
        postSeconds = camera.postBufferSeconds();
        keptSeconds = camera.retentionMaxAgeSeconds();
        keepDays = CameraRow.keepDays(keptSeconds);
        hours = WeeklyHours.of(schedule).orElse(null);
    }

    private void clear() {
        editing = null;
        name = site = streamUrl = subStreamUrl = username = password = schedule = zone = test = null;
        recorderPin = "";
        insecure = false;
        testOk = false;
        mode = "CONTINUOUS";
        preSeconds = 5;
        postSeconds = 10;
        keptSeconds = DEFAULT_KEEP_SECONDS;
        keepDays = CameraRow.keepDays(keptSeconds);
        hours = new boolean[7][24];
    }

    /** A day of the week's grid: Monday is 0. */
    public record Day(int index, String name, String fullName) implements Serializable {
    }

    /** An hour of the week's grid (its column heading). */
    public record Hour(int index, String label) implements Serializable {
    }

    /** The days of the timetable's grid, named in the reader's language. */
    public List<Day> getDays() {
        Locale language = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return Arrays.stream(DayOfWeek.values()).map(d -> new Day(d.getValue() - 1, d.getDisplayName(TextStyle.SHORT, language),
                d.getDisplayName(TextStyle.FULL, language))).toList();
    }

    public List<Hour> getHourList() {
        return IntStream.range(0, 24).mapToObj(h -> new Hour(h, String.format("%02d", h))).toList();
    }

    /** The hours ticked in the grid; null when the timetable has boundaries within an hour (edited as text only). */
    public boolean[][] getHours() {
        return hours;
    }

    /** An hour was ticked or unticked: the timetable says the same. */
    public void hoursTicked() {
        schedule = hours == null ? schedule : WeeklyHours.timetable(hours);
    }

    /** The timetable was typed: the grid shows it, when it is in full hours. */
    public void scheduleTyped() {
        hours = WeeklyHours.of(schedule).orElse(null);
    }

    /** Opens the stream as the recorder would, with what the dialog holds; stores nothing. */
    public void test() {
        ResourceBundle texts = ConsoleTexts.current();
        try {
            ConnectionReport report = cameras.testConnection(camera(), editing);
            testOk = report.ok();
            test = report.ok()
                    ? String.format(texts.getString("cameras.connected"), report.videoCodec(), report.width(), report.height())
                            + (report.framesPerSecond() > 0 ? String.format(texts.getString("cameras.fps"), report.framesPerSecond()) : "")
                            + (report.audioCodec() != null ? String.format(texts.getString("cameras.audio"), report.audioCodec())
                                    : texts.getString("cameras.noAudio"))
                    : report.status().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + report.detail();
        } catch (InvalidRequestException e) {
            refuse("test", e.getMessage());
        } catch (AccessDeniedException e) {
            refusedAlready(e.getMessage());
        }
    }

    /** Adds or changes the camera with its recording plan and keep-time, all or nothing. */
    public void save() {
        boolean adding = editing == null;
        try {
            long keep = keepDays == CameraRow.keepDays(keptSeconds) ? keptSeconds : Math.round(keepDays * 86400);
            CameraView saved = cameras.save(editing, camera(), plan(), keep, blank(subStreamUrl), blank(recorderPin));
            outcome = String.format(ConsoleTexts.current().getString(adding ? "cameras.added" : "cameras.changed"), saved.name());
            refused = false;
            clear();
            sites = null;
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidRequestException e) {
            refuse(adding ? "add" : "change", e.getMessage());
        } catch (AccessDeniedException e) {
            refusedAlready(e.getMessage());
        }
    }

    public void enable(long id) {
        act("enable", () -> cameras.setEnabled(id, true), "cameras.enabled");
    }

    public void disable(long id) {
        act("disable", () -> cameras.setEnabled(id, false), "cameras.disabled");
    }

    /** Pins the certificate the camera presents, after the administrator compared it with the camera's own. */
    public void approve(long id, String sha256) {
        act("approve certificate", () -> cameras.approveCertificate(id, sha256), "cameras.approved");
    }

    private void act(String action, Supplier<CameraView> change, String done) {
        try {
            outcome = String.format(ConsoleTexts.current().getString(done), change.get().name());
            refused = false;
        } catch (InvalidRequestException e) {
            refusals.audit(action, e.getMessage());
            outcome = ConsoleTexts.refused(e.getMessage());
            refused = true;
        } catch (AccessDeniedException e) {
            outcome = ConsoleTexts.refused(e.getMessage());
            refused = true;
        }
    }

    /** Asks the network (or one address) which ONVIF cameras are there. */
    public void discover() {
        try {
            discovered = cameras.discover(discoveryTarget);
            discoveryOutcome = String.format(ConsoleTexts.current().getString("cameras.answered"), discovered.size());
        } catch (InvalidRequestException e) {
            refusals.audit("discover", e.getMessage());
            discovered = List.of();
            discoveryOutcome = ConsoleTexts.refused(e.getMessage());
        }
    }

    /** Takes a discovered device's address into the ONVIF form. */
    public void use(String address) {
        onvifUrl = address;
    }

    /** Adds a camera from its ONVIF device; an unknown certificate comes back to be compared and approved. */
    public void addOnvif() {
        ResourceBundle texts = ConsoleTexts.current();
        try {
            CameraView added = cameras.addFromOnvif(new NewOnvifCamera(onvifName, blank(onvifSite), onvifUrl, onvifUsername,
                    onvifPassword, onvifInsecure, blank(onvifCertificate)));
            onvifOutcome = String.format(texts.getString("cameras.added"), added.name());
            onvifName = onvifSite = onvifUrl = onvifUsername = onvifPassword = onvifCertificate = null;
            onvifInsecure = false;
            sites = null;
        } catch (UntrustedCameraCertificateException e) {
            onvifCertificate = e.presentedSha256(); // shown to compare with the camera's own; sending again approves it
            onvifOutcome = ConsoleTexts.refused(e.getMessage());
        } catch (InvalidRequestException | OnvifException e) {
            refusals.audit("add from ONVIF", e.getMessage());
            onvifOutcome = ConsoleTexts.refused(e.getMessage());
        } catch (AccessDeniedException e) {
            onvifOutcome = ConsoleTexts.refused(e.getMessage());
        }
    }

    private void refuse(String action, String reason) {
        refusals.audit(action, reason);
        testOk = false;
        test = ConsoleTexts.refused(reason);
    }

    private void refusedAlready(String reason) {
        FacesContext.getCurrentInstance().validationFailed();
        testOk = false;
        test = ConsoleTexts.refused(reason);
    }

    private NewCamera camera() {
        return new NewCamera(name, blank(site), streamUrl, blank(username), blank(password), insecure);
    }

    private RecordingPlan plan() {
        String timetable = schedule == null ? null : schedule.strip();
        return new RecordingPlan(mode, timetable, blank(zone) == null ? "UTC" : zone.strip(), preSeconds, postSeconds);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Time zones for the timetable, as the zone field suggests them. */
    public List<String> zones(String typed) {
        return ZoneChoices.matching(typed);
    }

    public String getOutcome() {
        return outcome;
    }

    public boolean isRefused() {
        return refused;
    }

    public Long getEditing() {
        return editing;
    }

    public String getTest() {
        return test;
    }

    public boolean isTestOk() {
        return testOk;
    }

    public List<WsDiscovery.Device> getDiscovered() {
        return discovered;
    }

    public String getDiscoveryOutcome() {
        return discoveryOutcome;
    }

    public String getOnvifOutcome() {
        return onvifOutcome;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getStreamUrl() {
        return streamUrl;
    }

    public void setStreamUrl(String streamUrl) {
        this.streamUrl = streamUrl;
    }

    public String getSubStreamUrl() {
        return subStreamUrl;
    }

    public void setSubStreamUrl(String subStreamUrl) {
        this.subStreamUrl = subStreamUrl;
    }

    /** The recorder node the camera is pinned to; "" for any. */
    public String getRecorderPin() {
        return recorderPin;
    }

    public void setRecorderPin(String recorderPin) {
        this.recorderPin = recorderPin;
    }

    /** The recorder nodes the installation knows, to pin a camera to, and the one it is pinned to if that is not among them. */
    public List<String> getRecorderNodes() {
        if (recorderNodes == null) {
            recorderNodes = nodes.names();
        }
        if (recorderPin != null && !recorderPin.isEmpty() && !recorderNodes.contains(recorderPin)) {
            List<String> withPin = new ArrayList<>(recorderNodes);
            withPin.add(recorderPin);
            return withPin;
        }
        return recorderNodes;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isInsecure() {
        return insecure;
    }

    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public int getPreSeconds() {
        return preSeconds;
    }

    public void setPreSeconds(int preSeconds) {
        this.preSeconds = preSeconds;
    }

    public int getPostSeconds() {
        return postSeconds;
    }

    public void setPostSeconds(int postSeconds) {
        this.postSeconds = postSeconds;
    }

    public double getKeepDays() {
        return keepDays;
    }

    public void setKeepDays(double keepDays) {
        this.keepDays = keepDays;
    }

    public String getDiscoveryTarget() {
        return discoveryTarget;
    }

    public void setDiscoveryTarget(String discoveryTarget) {
        this.discoveryTarget = discoveryTarget;
    }

    public String getOnvifName() {
        return onvifName;
    }

    public void setOnvifName(String onvifName) {
        this.onvifName = onvifName;
    }

    public String getOnvifSite() {
        return onvifSite;
    }

    public void setOnvifSite(String onvifSite) {
        this.onvifSite = onvifSite;
    }

    public String getOnvifUrl() {
        return onvifUrl;
    }

    public void setOnvifUrl(String onvifUrl) {
        this.onvifUrl = onvifUrl;
    }

    public String getOnvifUsername() {
        return onvifUsername;
    }

    public void setOnvifUsername(String onvifUsername) {
        this.onvifUsername = onvifUsername;
    }

    public String getOnvifPassword() {
        return onvifPassword;
    }

    public void setOnvifPassword(String onvifPassword) {
        this.onvifPassword = onvifPassword;
    }

    public boolean isOnvifInsecure() {
        return onvifInsecure;
    }

    public void setOnvifInsecure(boolean onvifInsecure) {
        this.onvifInsecure = onvifInsecure;
    }

    public String getOnvifCertificate() {
        return onvifCertificate;
    }

    public void setOnvifCertificate(String onvifCertificate) {
        this.onvifCertificate = onvifCertificate;
    }
}
