package org.vigilvms.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An export asked for by a user: what, why, and how far it got. */
@Entity
@Table(name = "export_job")
public class ExportJob {

    public enum State { AWAITING_APPROVAL, QUEUED, RUNNING, DONE, FAILED, REJECTED }

    @Id
    private UUID id;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_ts", nullable = false)
    private Instant requestedTs;

    @Column(name = "camera_ids", nullable = false, length = 2048)
    private String cameraIds;

    /** Cameras exported without their sound (the requester lacked LISTEN on them), as camera_ids; null: none. */
    @Column(name = "soundless_camera_ids", length = 2048)
    private String soundlessCameraIds;

    /** Cameras whose privacy masks are burned in (the requester lacked VIEW_UNMASKED on them), as camera_ids; null: none. */
    @Column(name = "masked_camera_ids", length = 2048)
    private String maskedCameraIds;

    @Column(name = "from_ts", nullable = false)
    private Instant fromTs;

    @Column(name = "to_ts", nullable = false)
    private Instant toTs;

    @Column(nullable = false, length = 1024)
    private String reason;

    @Column(name = "case_number", length = 128)
    private String caseNumber;

    @Column(nullable = false)
    private boolean encrypted;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private State state;

    @Column(nullable = false)
    private int progress;

    @Column(length = 2048)
    private String message;

    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "approved_ts")
    private Instant approvedTs;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "file_bytes")
    private Long fileBytes;

    @Column(name = "file_sha256")
    private byte[] fileSha256;

    @Column(name = "finished_ts")
    private Instant finishedTs;

    protected ExportJob() {
    }

    ExportJob(String requestedBy, Instant now, List<Long> cameras, Instant from, Instant to, String reason, String caseNumber,
              boolean encrypted, State state) {
        this.id = UUID.randomUUID();
        this.requestedBy = requestedBy;
        this.requestedTs = now;
        this.cameraIds = String.join(",", cameras.stream().map(String::valueOf).toList());
        this.fromTs = from;
        this.toTs = to;
        this.reason = reason;
        this.caseNumber = caseNumber;
        this.encrypted = encrypted;
        this.state = state;
    }

    public UUID getId() {
        return id;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public List<Long> cameras() {
        return Arrays.stream(cameraIds.split(",")).map(Long::valueOf).toList();
    }

    /** Exports these cameras' pictures without their sound. */
    void leaveOutSound(List<Long> cameras) {
        soundlessCameraIds = cameras.isEmpty() ? null : String.join(",", cameras.stream().map(String::valueOf).toList());
    }

    /** Burns these cameras' privacy masks into their pictures. */
    void burnInMasks(List<Long> cameras) {
        maskedCameraIds = cameras.isEmpty() ? null : String.join(",", cameras.stream().map(String::valueOf).toList());
    }

    /** Whether the camera's pictures go into the export with its privacy masks burned in. */
    public boolean masked(long cameraId) {
        return maskedCameraIds != null && Arrays.stream(maskedCameraIds.split(",")).map(Long::valueOf)
                .anyMatch(id -> id == cameraId);
    }

    /** Whether the camera's sound goes into the export. */
    public boolean withSound(long cameraId) {
        return soundlessCameraIds == null || Arrays.stream(soundlessCameraIds.split(",")).map(Long::valueOf)
                .noneMatch(id -> id == cameraId);
    }

    public Instant getFromTs() {
        return fromTs;
    }

    public Instant getToTs() {
        return toTs;
    }

    public String getReason() {
        return reason;
    }

    public String getCaseNumber() {
        return caseNumber;
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    public State getState() {
        return state;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public String getFileName() {
        return fileName;
    }

    public byte[] getFileSha256() {
        return fileSha256;
    }

    void approve(String approver, Instant now) {
        this.approvedBy = approver;
        this.approvedTs = now;
        this.state = State.QUEUED;
    }

    void reject(String approver, Instant now, String why) {
        this.approvedBy = approver;
        this.approvedTs = now;
        this.state = State.REJECTED;
        this.message = why;
        this.finishedTs = now;
    }

    void running() {
        this.state = State.RUNNING;
        this.progress = 0;
    }

    void progress(int percent, String message) {
        this.progress = Math.max(0, Math.min(99, percent));
        this.message = message;
    }

    void done(String fileName, long bytes, byte[] sha256, Instant now) {
        this.state = State.DONE;
        this.progress = 100;
        this.message = null;
        this.fileName = fileName;
        this.fileBytes = bytes;
        this.fileSha256 = sha256;
        this.finishedTs = now;
    }

    void failed(String why, Instant now) {
        this.state = State.FAILED;
        this.message = why.length() > 2000 ? why.substring(0, 2000) : why;
        this.finishedTs = now;
    }

    public ExportJobView view() {
        return new ExportJobView(id.toString(), requestedBy, requestedTs, cameras(), fromTs, toTs, reason, caseNumber, encrypted,
                state.name(), progress, message, approvedBy, fileName, fileBytes, finishedTs);
    }
}
