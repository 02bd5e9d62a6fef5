package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.primefaces.PrimeFaces;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.backup.BackupFile;
import org.vigilvms.backup.BackupService;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.storage.FillOutlook;
import org.vigilvms.storage.RetentionService;
import org.vigilvms.storage.StorageVolume;
import org.vigilvms.storage.StorageVolumes;

/**
 * The storage page: volumes with how full they are and how many days they have left, their quota
 * and service state; retention on demand; evidence locks; deleting recordings before retention
 * would; the requests waiting for a second person; and a backup of the installation to download.
 * The services decide ({@link StorageVolumes}, {@link RetentionService}, {@link FourEyes},
 * {@link BackupService}); a refusal is shown as they word it and audited.
 */
@Named
@ViewScoped
public class StorageView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double GB = 1024d * 1024 * 1024;

    @EJB
    private StorageVolumes volumes;

    @EJB
    private RetentionService retention;

    @EJB
    private FourEyes fourEyes;

    @EJB
    private BackupService backups;

    @EJB
    private CameraService cameras;

    @Inject
    private ConsoleRefusals refusals;

    private List<StorageVolumes.VolumeView> volumeList = List.of();
    /** Each volume's quota field in GB, as the page's number converter gives it (a Long or a Double). */
    private final Map<Long, Number> quotas = new HashMap<>();
    private String volumeName;
    private String volumePath;
    private Double volumeQuota;
    private String volumeOutcome;
    private String retentionOutcome;

    private List<CameraView> cameraChoices = List.of();
    private final Map<Long, String> cameraNames = new HashMap<>();
    private final RangeForm lockForm = new RangeForm();
    private final RangeForm deleteForm = new RangeForm();
    private String lockOutcome;
    private String deleteOutcome;

    private UUID rejecting;
    private String rejectComment;
    private String approvalOutcome;
    private String rejectOutcome;

    private String accountPassword;
    private String backupPassword;
    private BackupFile backup;
    private String backupOutcome;

    /** Camera, range and reason of an evidence lock or a deletion, as typed. */
    public static final class RangeForm implements Serializable {

        private static final long serialVersionUID = 1L;

        private Long camera;
        private Instant from;
        private Instant to;
        private String reason;

        public Long getCamera() {
            return camera;
        }

        public void setCamera(Long camera) {
            this.camera = camera;
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

        /** The last hour, as the forms start. */
        void lastHour(Instant now) {
            from = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
            to = now.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    @PostConstruct
    void load() {
        refreshVolumes();
        cameraChoices = cameras.list();
        cameraChoices.forEach(c -> cameraNames.put(c.id(), c.name()));
        Instant now = Instant.now();
        lockForm.lastHour(now);
        deleteForm.lastHour(now);
    }

    /** Reads the volumes again after a change: use, fill and state (a refusal to list them is told). */
    private void refreshVolumes() {
        String refused = refusals.attempt("list volumes", () -> {
            volumeList = volumes.list();
            volumeList.forEach(v -> quotas.put(v.id(), v.quotaBytes() == null ? null : Math.round(v.quotaBytes() / GB * 100) / 100d));
            return null;
        });
        if (refused != null) {
            volumeOutcome = refused;
        }
    }

    public void addVolume() {
        volumeOutcome = refusals.attempt("add volume", () -> {
            StorageVolumes.VolumeView added = volumes.add(blank(volumeName), blank(volumePath), bytes(volumeQuota));
            volumeName = volumePath = null;
            volumeQuota = null;
            return ConsoleTexts.format("storage.added", added.name());
        });
        refreshVolumes();
    }

    /** Sets the quota typed in the volume's row; a blank quota field leaves it as it is. */
    public void changeQuota(long id) {
        Number quota = quotas.get(id);
        volumeOutcome = refusals.attempt("change quota", () -> {
            if (quota == null) {
                return null;
            }
            return ConsoleTexts.format("storage.quotaSet", volumes.update(id, bytes(quota.doubleValue()), null).name());
        });
        refreshVolumes();
    }

    public void enable(long id) {
        volumeOutcome = refusals.attempt("enable volume",
                () -> ConsoleTexts.format("storage.enabled", volumes.update(id, null, StorageVolume.State.ACTIVE).name()));
        refreshVolumes();
    }

    public void disable(long id) {
        volumeOutcome = refusals.attempt("disable volume",
                () -> ConsoleTexts.format("storage.disabled", volumes.update(id, null, StorageVolume.State.DISABLED).name()));
        refreshVolumes();
    }

    public void runRetention() {
        retentionOutcome = refusals.attempt("run retention", () -> ConsoleTexts.format("storage.retired", retention.runNow()));
        refreshVolumes();
    }

    public List<RetentionService.LockView> getLocks() {
        return retention.activeLocks();
    }

    public void lock() {
        lockOutcome = refusals.attempt("lock", () -> {
            retention.lock(camera(lockForm), lockForm.from, lockForm.to, lockForm.reason);
            lockForm.reason = null;
            return ConsoleTexts.current().getString("storage.locked");
        });
    }

    public void release(long lockId) {
        lockOutcome = refusals.attempt("release lock", () -> {
            retention.release(lockId);
            return ConsoleTexts.format("storage.released", lockId);
        });
    }

    public void delete() {
        deleteOutcome = refusals.attempt("delete recordings", () -> {
            int deleted = retention.deleteRange(camera(deleteForm), deleteForm.from, deleteForm.to, deleteForm.reason);
            deleteForm.reason = null;
            return ConsoleTexts.format("storage.deleted", deleted);
        });
        refreshVolumes();
    }

    /** The camera chosen in a form; none chosen is refused by the service as an unknown camera. */
    private static long camera(RangeForm form) {
        return form.camera == null ? 0 : form.camera;
    }

    public List<FourEyes.ApprovalView> getApprovals() {
        return fourEyes.pending();
    }

    public void approve(UUID id) {
        approvalOutcome = refusals.attempt("approve", () -> {
            FourEyes.ApprovalView decided = fourEyes.approve(id);
            return ConsoleTexts.format("storage.approved", decided.summary());
        });
    }

    /** Opens the reject dialog for a request. */
    public void startRejecting(UUID id) {
        rejecting = id;
        rejectComment = null;
        rejectOutcome = null;
    }

    /** Rejects the request with the comment typed; the dialog closes when it was taken. */
    public void reject() {
        boolean[] taken = new boolean[1];
        rejectOutcome = refusals.attempt("reject", () -> {
            FourEyes.ApprovalView decided = fourEyes.reject(rejecting, rejectComment);
            taken[0] = true;
            return ConsoleTexts.format("storage.rejected", decided.summary());
        });
        if (taken[0]) {
            approvalOutcome = rejectOutcome;
            PrimeFaces.current().ajax().addCallbackParam("rejected", true);
        }
    }

    /** Takes a backup with the caller's password and the backup's own; the passwords are not kept. */
    public void takeBackup() {
        backup = null;
        char[] password = backupPassword == null ? new char[0] : backupPassword.toCharArray();
        String account = accountPassword;
        accountPassword = backupPassword = null;
        backupOutcome = refusals.attempt("backup", () -> {
            backup = backups.create(account, password);
            return ConsoleTexts.format("storage.backupWritten", backup.id(), size(backup.bytes()), backup.tables(), backup.rows(),
                    backup.sha256());
        });
    }

    /** Deletes the server's copy of the backup just taken (it was downloaded). */
    public void deleteBackup() {
        String id = backup.id();
        backupOutcome = refusals.attempt("delete backup", () -> {
            backups.delete(id);
            backup = null;
            return ConsoleTexts.format("storage.backupDeleted", id);
        });
    }

    /** Bytes as people read them: MB below a GB, GB from there. */
    public String size(long bytes) {
        Locale language = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return bytes >= GB ? String.format(language, "%.2f GB", bytes / GB) : String.format(language, "%.1f MB", bytes / (1024d * 1024));
    }

    /** How full the volume is, in whole percent of what Vigil may use of it. */
    public long percent(StorageVolumes.VolumeView volume) {
        return Math.round(volume.fill() * 100);
    }

    /** The volume's forecast as read: still measuring, steady (never fills), or the days left. */
    public String daysLeft(StorageVolumes.VolumeView volume) {
        FillOutlook outlook = volume.outlook();
        return switch (outlook.trend()) {
            case MEASURING -> ConsoleTexts.current().getString("storage.measuring");
            case STEADY -> ConsoleTexts.current().getString("storage.steady");
            case FILLING -> outlook.daysLeft() >= 365 ? ConsoleTexts.current().getString("storage.overAYear")
                    : ConsoleTexts.format("storage.days", outlook.daysLeft());
        };
    }

    /** A camera's name in the lock list. */
    public String cameraName(long id) {
        return cameraNames.getOrDefault(id, ConsoleTexts.current().getString("directory.camera") + " " + id);
    }

    private static Long bytes(Double gigabytes) {
        return gigabytes == null ? null : Math.round(gigabytes * GB);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public List<StorageVolumes.VolumeView> getVolumes() {
        return volumeList;
    }

    public Map<Long, Number> getQuotas() {
        return quotas;
    }

    public List<CameraView> getCameraChoices() {
        return cameraChoices;
    }

    public RangeForm getLockForm() {
        return lockForm;
    }

    public RangeForm getDeleteForm() {
        return deleteForm;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
    }

    public String getVolumePath() {
        return volumePath;
    }

    public void setVolumePath(String volumePath) {
        this.volumePath = volumePath;
    }

    public Double getVolumeQuota() {
        return volumeQuota;
    }

    public void setVolumeQuota(Double volumeQuota) {
        this.volumeQuota = volumeQuota;
    }

    public String getVolumeOutcome() {
        return volumeOutcome;
    }

    public String getRetentionOutcome() {
        return retentionOutcome;
    }

    public String getLockOutcome() {
        return lockOutcome;
    }

    public String getDeleteOutcome() {
        return deleteOutcome;
    }

    public String getApprovalOutcome() {
        return approvalOutcome;
    }

    public String getRejectOutcome() {
        return rejectOutcome;
    }

    public String getRejectComment() {
        return rejectComment;
    }

    public void setRejectComment(String rejectComment) {
        this.rejectComment = rejectComment;
    }

    public String getAccountPassword() {
        return accountPassword;
    }

    public void setAccountPassword(String accountPassword) {
        this.accountPassword = accountPassword;
    }

    public String getBackupPassword() {
        return backupPassword;
    }

    public void setBackupPassword(String backupPassword) {
        this.backupPassword = backupPassword;
    }

    public BackupFile getBackup() {
        return backup;
    }

    public String getBackupOutcome() {
        return backupOutcome;
    }
}
