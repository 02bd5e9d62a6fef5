package org.vigilvms.camera;

import java.util.Objects;

/**
 * How a camera records, as an administrator sets it: CONTINUOUS; SCHEDULED by a weekly
 * timetable in a time zone; or EVENT with seconds kept before and after each event.
 */
public record RecordingPlan(String mode, String schedule, String timeZone, int preSeconds, int postSeconds) {

    /** The plan a camera has now. */
    public static RecordingPlan of(CameraView camera) {
        return new RecordingPlan(camera.recordingMode(), camera.recordingSchedule(), camera.scheduleTimeZone(),
                camera.preBufferSeconds(), camera.postBufferSeconds());
    }

    /** Whether both record alike: the same mode, and the same timetable or the same seconds where the mode uses them. */
    public boolean sameAs(RecordingPlan other) {
        return other != null && Objects.equals(mode, other.mode)
                && (!"SCHEDULED".equals(mode) || Objects.equals(schedule, other.schedule)
                        && Objects.equals(timeZone, other.timeZone))
                && (!"EVENT".equals(mode) || preSeconds == other.preSeconds && postSeconds == other.postSeconds);
    }
}
