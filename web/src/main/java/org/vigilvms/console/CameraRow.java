package org.vigilvms.console;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.CameraTable;
import org.vigilvms.camera.CameraView;

/** A camera as the cameras table shows it, its words in the reader's language. */
public final class CameraRow implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double SECONDS_PER_DAY = 86400;

    private final CameraView camera;
    private final String health;
    private final String recording;
    private final String subStream;

    CameraRow(CameraView camera, ResourceBundle texts) {
        this.camera = camera;
        this.subStream = camera.subStreamUrl() == null ? null : String.format(texts.getString("cameras.subStream.state"),
                camera.subStreamStatus() == null ? texts.getString("cameras.health.NEW")
                        : texts.getString("cameras.health." + camera.subStreamStatus().name())
                        + (camera.subStreamReason() == null ? "" : ": " + camera.subStreamReason()));
        CameraStatus state = CameraTable.health(camera);
        String reason = camera.enabled() && camera.statusReason() != null ? ": " + camera.statusReason() : "";
        this.health = state == CameraStatus.RECORDER_DOWN ? String.format(texts.getString("cameras.health.RECORDER_DOWN"), camera.recordedBy())
                : texts.getString("cameras.health." + state.name()) + reason;
        this.recording = switch (camera.recordingMode()) {
            case "SCHEDULED" -> String.format(texts.getString("cameras.recording.scheduled"), camera.recordingSchedule(),
                    camera.scheduleTimeZone());
            case "EVENT" -> String.format(texts.getString("cameras.recording.event"), camera.preBufferSeconds(),
                    camera.postBufferSeconds());
            default -> texts.getString("cameras.recording.continuous");
        };
    }

    public long getId() {
        return camera.id();
    }

    public String getName() {
        return camera.name();
    }

    public String getSite() {
        return camera.site();
    }

    public String getStream() {
        return camera.streamUrl();
    }

    /** The sub-stream's state in words ("sub-stream: online"), or null when the camera has none. */
    public String getSubStream() {
        return subStream;
    }

    public boolean isOnvif() {
        return camera.onvif();
    }

    /** Recorded over a plain transport, which an administrator accepted (named on every row). */
    public boolean isInsecure() {
        return camera.insecureTransport();
    }

    public String getInsecureAcceptedBy() {
        return camera.insecureAcceptedBy() == null ? "-" : camera.insecureAcceptedBy();
    }

    public boolean isEnabled() {
        return camera.enabled();
    }

    /** The health in words, with the recorder's reason. */
    public String getHealth() {
        return health;
    }

    /** The health as a style: online, offline, disabled... */
    public String getHealthStyle() {
        return CameraTable.health(camera).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Instant getSince() {
        return camera.statusSince();
    }

    public String getRecording() {
        return recording;
    }

    /** Days its recordings are kept, exact enough that minutes (tests, demos) do not show as 0. */
    public double getKeepDays() {
        return keepDays(camera.retentionMaxAgeSeconds());
    }

    /** The certificate the camera presents when it is not the approved one: there is something to approve. */
    public String getCertificateToApprove() {
        String presented = camera.presentedCertificateSha256();
        return presented != null && !presented.equals(camera.pinnedCertificateSha256()) ? presented : null;
    }

    CameraView camera() {
        return camera;
    }

    static double keepDays(long seconds) {
        return new BigDecimal(seconds / SECONDS_PER_DAY).round(new MathContext(3)).doubleValue();
    }
}
