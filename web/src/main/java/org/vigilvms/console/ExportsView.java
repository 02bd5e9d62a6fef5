package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.export.ExportJobView;
import org.vigilvms.export.ExportRequest;
import org.vigilvms.export.ExportService;
import org.vigilvms.export.InvalidExportException;

/**
 * The exports page: ask for an evidence export of cameras over a time range in the reader's zone
 * (opened from playback with the camera and the minute around the position), follow one's own
 * exports until their signed package can be downloaded, and decide on the exports of others that
 * wait for a second person. {@link ExportService} decides every right; a refusal is shown as it
 * words it and audited.
 */
@Named
@ViewScoped
public class ExportsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> UNDER_WAY = Set.of("QUEUED", "RUNNING", "AWAITING_APPROVAL");

    @EJB
    private ExportService exports;

    @EJB
    private CameraService cameras;

    @Inject
    private ConsoleRefusals refusals;

    private List<CameraView> cameraChoices = List.of();
    private final Map<Long, String> cameraNames = new HashMap<>();
    private List<Long> chosen = new ArrayList<>();
    private Instant from;
    private Instant to;
    private String reason;
    private String caseNumber;
    private String password;
    private String outcome;
    private List<ExportJobView> jobs = List.of();

    @PostConstruct
    void load() {
        cameraChoices = cameras.list();
        cameraChoices.forEach(c -> cameraNames.put(c.id(), c.name()));
        Map<String, String> asked = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        from = instant(asked.get("from"), now.minusSeconds(120));
        to = instant(asked.get("to"), now.minusSeconds(60));
        String camera = asked.get("camera");
        if (camera != null && camera.matches("\\d{1,18}") && cameraNames.containsKey(Long.parseLong(camera))) {
            chosen.add(Long.parseLong(camera));
        }
        refresh();
    }

    /** A time the page was opened with (an instant, as playback links it), or the default. */
    private static Instant instant(String given, Instant otherwise) {
        try {
            return given == null ? otherwise : Instant.parse(given).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeException e) {
            return otherwise;
        }
    }

    /** Asks for the export; the package is written in the background (or after a second person's approval). */
    public void ask() {
        String secret = password == null || password.isEmpty() ? null : password;
        password = null;
        outcome = attempt("export", () -> {
            ExportJobView job = exports.request(new ExportRequest(List.copyOf(chosen), from, to, reason, caseNumber, secret));
            return ConsoleTexts.format("exports.asked", job.id().substring(0, 8), state(job));
        });
        refresh();
    }

    /** Reads the caller's exports again (the page polls while one is under way). */
    public void refresh() {
        jobs = exports.mine();
    }

    /** Whether an export of the caller's is still under way, so the page keeps polling. */
    public boolean isUnderWay() {
        return jobs.stream().anyMatch(j -> UNDER_WAY.contains(j.state()));
    }

    public List<ExportJobView> getAwaiting() {
        return exports.awaitingMyApproval();
    }

    public void approve(String id) {
        outcome = attempt("approve export", () -> ConsoleTexts.format("exports.approved", exports.approve(UUID.fromString(id))
                .requestedBy()));
    }

    public void reject(String id) {
        outcome = attempt("reject export", () -> ConsoleTexts.format("exports.rejected", exports.reject(UUID.fromString(id), null)
                .requestedBy()));
    }

    /** A job's state as read: running with its progress, or the state and its message. */
    public String state(ExportJobView job) {
        String state = ConsoleTexts.current().getString("exports.state." + job.state());
        if ("RUNNING".equals(job.state())) {
            return state + " " + job.progress() + " %";
        }
        return job.message() == null ? state : state + ": " + job.message();
    }

    /** A finished package's size in KiB. */
    public long kib(ExportJobView job) {
        return job.fileBytes() == null ? 0 : Math.round(job.fileBytes() / 1024d);
    }

    /** The cameras of a job by name. */
    public String names(ExportJobView job) {
        return job.cameras().stream().map(id -> cameraNames.getOrDefault(id, ConsoleTexts.current().getString("directory.camera") + " " + id)).collect(Collectors.joining(", "));
    }

    /** An export's own refusals (InvalidExportException) are audited as the services' invalid requests are. */
    private String attempt(String action, Supplier<String> call) {
        try {
            return refusals.attempt(action, call);
        } catch (InvalidExportException e) {
            refusals.audit(action, e.getMessage());
            return ConsoleTexts.refused(e.getMessage());
        }
    }

    public List<CameraView> getCameraChoices() {
        return cameraChoices;
    }

    public List<ExportJobView> getJobs() {
        return jobs;
    }

    public List<Long> getChosen() {
        return chosen;
    }

    public void setChosen(List<Long> chosen) {
        this.chosen = chosen;
    }

    public Instant getFrom() {
        return from;
    }

    public void setFrom(Instant from) {
        this.from = from;
    }

    public Instant getTo() {
        return to;
    }

    public void setTo(Instant to) {
        this.to = to;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getCaseNumber() {
        return caseNumber;
    }

    public void setCaseNumber(String caseNumber) {
        this.caseNumber = caseNumber;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getOutcome() {
        return outcome;
    }
}
