package org.vigilvms.recording;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.vigilvms.platform.Meters;

/**
 * The recorder's meters per camera, as the metrics endpoint shows them (Prometheus names):
 * {@code vigil_camera_frames_in_total}, {@code vigil_camera_received_bytes_total} (its rate is the
 * bitrate), {@code vigil_camera_frames_dropped_total} and {@code vigil_camera_reconnects_total},
 * each tagged {@code camera=<id>}. A camera's counters live as long as the recorder records it;
 * when it is removed or disabled its meters go with it. Registered through {@link Meters}.
 */
final class CameraMeters {

    private final MeterRegistry registry;
    private final Map<Long, CameraCounters> cameras = new ConcurrentHashMap<>();

    static final List<String> NAMES = List.of("vigil.camera.frames.in", "vigil.camera.received.bytes",
            "vigil.camera.frames.dropped", "vigil.camera.reconnects");

    CameraMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters of {@code cameraId}, registered with the endpoint the first time. */
    CameraCounters of(long cameraId) {
        return cameras.computeIfAbsent(cameraId, id -> {
            CameraCounters counters = new CameraCounters();
            Tags camera = Tags.of("camera", Long.toString(id));
            List<ToDoubleFunction<CameraCounters>> values = List.of(CameraCounters::framesIn, CameraCounters::bytesIn,
                    CameraCounters::framesDropped, CameraCounters::reconnects);
            for (int i = 0; i < NAMES.size(); i++) {
                Meters.functionCounter(registry, NAMES.get(i), camera, counters, values.get(i));
            }
            return counters;
        });
    }

    /** The camera is no longer recorded here: its meters leave the endpoint. */
    void forget(long cameraId) {
        if (cameras.remove(cameraId) != null) {
            for (String name : NAMES) {
                registry.find(name).tag("camera", Long.toString(cameraId)).meters().forEach(registry::remove);
            }
        }
    }
}
