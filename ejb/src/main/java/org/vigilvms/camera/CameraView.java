package org.vigilvms.camera;

import java.io.Serializable;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What clients may see of a camera: never its credentials or keys. {@code subStreamStatus}: the
 * sub-stream's own state (null while it has none or it was not tried yet); {@code recorderPin}: the
 * recorder node that alone records it (null: any); {@code recordedBy}: the recorder node that owns
 * it now (null: none yet, or not asked), {@code recorderDown}: that node's lease ran out, so nobody
 * records it.
 */
public record CameraView(long id, String name, String site, String streamUrl, String username, boolean enabled,
                         CameraStatus status, String statusReason, Instant statusSince,
                         String pinnedCertificateSha256, String presentedCertificateSha256, long retentionMaxAgeSeconds,
                         boolean onvif, String recordingMode, String recordingSchedule, String scheduleTimeZone,
                         int preBufferSeconds, int postBufferSeconds, boolean insecureTransport, String insecureAcceptedBy,
                         String subStreamUrl, CameraStatus subStreamStatus, String subStreamReason, String recorderPin,
                         String recordedBy, boolean recorderDown)
        implements Serializable {

    static CameraView of(Camera c) {
        return new CameraView(c.getId(), c.getName(), c.getSite(), c.getStreamUrl(), c.getUsername(), c.isEnabled(),
                c.getStatus(), c.getStatusReason(), c.getStatusSinceTs(), hex(c.tlsPinnedSha256()),
                hex(c.tlsPresentedSha256()), c.getRetentionMaxAgeSeconds(), c.getOnvifDeviceUrl() != null,
                c.getRecordingMode(), c.getRecordingSchedule(), c.getScheduleTimeZone(), c.getPreBufferSeconds(), c.getPostBufferSeconds(),
                c.insecureTransport(), c.getInsecureAcceptedBy(), c.getSubStreamUrl(), c.getSubStreamStatus(), c.getSubStreamReason(),
                c.getRecorderPin(), null, false);
    }

    /** This camera as recorded by {@code node} (null: nobody owns it yet), which is down or alive. */
    CameraView withRecorder(String node, boolean down) {
        return new CameraView(id, name, site, streamUrl, username, enabled, status, statusReason, statusSince, pinnedCertificateSha256,
                presentedCertificateSha256, retentionMaxAgeSeconds, onvif, recordingMode, recordingSchedule, scheduleTimeZone,
                preBufferSeconds, postBufferSeconds, insecureTransport, insecureAcceptedBy, subStreamUrl, subStreamStatus,
                subStreamReason, recorderPin, node, down);
    }

    private static String hex(byte[] fingerprint) {
        return fingerprint == null ? null : HexFormat.of().formatHex(fingerprint);
    }
}
