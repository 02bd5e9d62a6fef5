package org.vigilvms.camera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.security.SitedCamera;

/** A camera under management. Its password and segment key are stored sealed, never in clear. */
@Entity
@Table(name = "camera")
public class Camera implements SitedCamera {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 128)
    private String name;

    @Column(nullable = false, length = 128)
    private String site;

    @Column(name = "stream_url", nullable = false, length = 1024)
    private String streamUrl;

    @Column(length = 128)
    private String username;

    @Column(name = "password_ciphertext")
    private byte[] passwordCiphertext;

    @Column(nullable = false)
    private boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private CameraStatus status = CameraStatus.NEW;

    @Column(name = "status_reason", length = 1024)
    private String statusReason;

    @Column(name = "status_since_ts", nullable = false)
    private Instant statusSinceTs;

    @Column(name = "data_key_wrapped", nullable = false)
    private byte[] dataKeyWrapped;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    @Column(name = "retention_max_age_s", nullable = false)
    private long retentionMaxAgeSeconds = 2_592_000;

    @Column(name = "onvif_device_url", length = 1024)
    private String onvifDeviceUrl;

    @Column(name = "insecure_accepted_by")
    private String insecureAcceptedBy;

    @Column(name = "insecure_accepted_ts")
    private Instant insecureAcceptedTs;

    @Column(name = "onvif_profile", length = 64)
    private String onvifProfile;

    @Column(name = "recording_mode", nullable = false, length = 16)
    private String recordingMode = "CONTINUOUS";

    @Column(name = "recording_schedule", length = 512)
    private String recordingSchedule;

    @Column(name = "schedule_time_zone", length = 64)
    private String scheduleTimeZone;

    @Column(name = "pre_buffer_s", nullable = false)
    private int preBufferSeconds = 5;

    @Column(name = "post_buffer_s", nullable = false)
    private int postBufferSeconds = 10;

    @Column(name = "tls_pinned_sha256")
    private byte[] tlsPinnedSha256;

    @Column(name = "tls_presented_sha256")
    private byte[] tlsPresentedSha256;

    @Column(name = "onvif_pinned_sha256")
    private byte[] onvifPinnedSha256;

    @Column(name = "sub_stream_url", length = 1024)
    private String subStreamUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "sub_stream_status", length = 32)
    private CameraStatus subStreamStatus;

    @Column(name = "sub_stream_reason", length = 1024)
    private String subStreamReason;

    @Column(name = "recorder_pin", length = 64)
    private String recorderPin;

    protected Camera() {
    }

    Camera(String name, String site, String streamUrl, String username, Instant now) {
        this.name = name;
        this.site = site;
        this.streamUrl = streamUrl;
        this.username = username;
        this.createdTs = now;
        this.statusSinceTs = now;
        this.dataKeyWrapped = new byte[0];
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    @Override
    public String getSite() {
        return site;
    }

    public String getStreamUrl() {
        return streamUrl;
    }

    public String getUsername() {
        return username;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public CameraStatus getStatus() {
        return status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public Instant getStatusSinceTs() {
        return statusSinceTs;
    }

    public String getOnvifDeviceUrl() {
        return onvifDeviceUrl;
    }

    public String getOnvifProfile() {
        return onvifProfile;
    }

    /** The approved certificate of the ONVIF device service, or null (a trusted CA vouches for it, or plain HTTP). */
    public byte[] onvifPinnedSha256() {
        return onvifPinnedSha256 == null ? null : onvifPinnedSha256.clone();
    }

    void onvif(String deviceUrl, String profile, byte[] pinnedSha256) {
        this.onvifDeviceUrl = deviceUrl;
        this.onvifProfile = profile;
        this.onvifPinnedSha256 = pinnedSha256 == null ? null : pinnedSha256.clone();
    }

    public long getRetentionMaxAgeSeconds() {
        return retentionMaxAgeSeconds;
    }

    void setRetentionMaxAgeSeconds(long seconds) {
        this.retentionMaxAgeSeconds = seconds;
    }

    public byte[] tlsPinnedSha256() {
        return tlsPinnedSha256 == null ? null : tlsPinnedSha256.clone();
    }

    public byte[] tlsPresentedSha256() {
        return tlsPresentedSha256 == null ? null : tlsPresentedSha256.clone();
    }

    void presented(byte[] fingerprint) {
        this.tlsPresentedSha256 = fingerprint.clone();
    }

    void pin(byte[] fingerprint) {
        this.tlsPinnedSha256 = fingerprint.clone();
    }

    /** The camera's password in clear (sealed under the master key, bound to this camera); null when it has none. */
    String password(KeyVault vault) {
        return passwordCiphertext == null ? null : new String(vault.openWithMaster(passwordCiphertext,
                CameraKeys.passwordAad(id)), StandardCharsets.UTF_8);
    }

    /** Whether the camera is reached over a plain transport: an rtsp:// stream or an ONVIF service over http://. */
    public boolean insecureTransport() {
        return streamUrl.startsWith("rtsp://") || onvifDeviceUrl != null && onvifDeviceUrl.startsWith("http://");
    }

    /** Who accepted the plain transport for this camera, or null. */
    public String getInsecureAcceptedBy() {
        return insecureAcceptedBy;
    }

    /** Whether the camera may be recorded as to its transport: secure, or plain and accepted. */
    public boolean transportAcceptable() {
        return !insecureTransport() || insecureAcceptedBy != null;
    }

    void acceptInsecure(String by, Instant at) {
        this.insecureAcceptedBy = by;
        this.insecureAcceptedTs = at;
    }

    /** The camera moved to a secure transport: an earlier acceptance of a plain one no longer applies. */
    void forgetInsecureAcceptance() {
        this.insecureAcceptedBy = null;
        this.insecureAcceptedTs = null;
    }

    boolean hasPassword() {
        return passwordCiphertext != null;
    }

    byte[] passwordCiphertext() {
        return passwordCiphertext;
    }

    public byte[] dataKeyWrapped() {
        return dataKeyWrapped.clone();
    }

    void sealSecrets(byte[] passwordCiphertext, byte[] dataKeyWrapped) {
        this.passwordCiphertext = passwordCiphertext;
        this.dataKeyWrapped = dataKeyWrapped;
    }

    void edit(String name, String site, String streamUrl, String username) {
        this.name = name;
        this.site = site;
        this.streamUrl = streamUrl;
        this.username = username;
    }

    /** CONTINUOUS, SCHEDULED or EVENT (see camera/RecordingSchedule and storage/RetentionService). */
    public String getRecordingMode() {
        return recordingMode;
    }

    public String getRecordingSchedule() {
        return recordingSchedule;
    }

    public String getScheduleTimeZone() {
        return scheduleTimeZone;
    }

    public int getPreBufferSeconds() {
        return preBufferSeconds;
    }

    public int getPostBufferSeconds() {
        return postBufferSeconds;
    }

    void setRecording(String mode, String schedule, String timeZone, int preSeconds, int postSeconds) {
        this.recordingMode = mode;
        this.recordingSchedule = schedule;
        this.scheduleTimeZone = timeZone;
        this.preBufferSeconds = preSeconds;
        this.postBufferSeconds = postSeconds;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The sub-stream's address (same endpoint as the main stream, no credentials), or null. */
    public String getSubStreamUrl() {
        return subStreamUrl;
    }

    public CameraStatus getSubStreamStatus() {
        return subStreamStatus;
    }

    public String getSubStreamReason() {
        return subStreamReason;
    }

    /** The recorder node that alone records this camera, or null: any, as the spread decides. */
    public String getRecorderPin() {
        return recorderPin;
    }

    void pinTo(String node) {
        this.recorderPin = node;
    }

    /** A new sub-stream address (null: none); its state is unknown until the recorder tries it. */
    void subStream(String url) {
        this.subStreamUrl = url;
        this.subStreamStatus = null;
        this.subStreamReason = null;
    }

    /** Records the sub-stream's state as the recorder saw it; returns false when nothing changed. */
    boolean changeSubStreamStatus(CameraStatus newStatus, String reason) {
        if (subStreamUrl == null || newStatus == subStreamStatus && Objects.equals(reason, subStreamReason)) {
            return false;
        }
        this.subStreamStatus = newStatus;
        this.subStreamReason = reason;
        return true;
    }

    /** Records a new status; returns false when nothing changed. */
    boolean changeStatus(CameraStatus newStatus, String reason, Instant now) {
        if (newStatus == status && Objects.equals(reason, statusReason)) {
            return false;
        }
        this.status = newStatus;
        this.statusReason = reason;
        this.statusSinceTs = now;
        return true;
    }
}
