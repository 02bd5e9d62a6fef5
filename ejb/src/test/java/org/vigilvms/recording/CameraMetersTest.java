package org.vigilvms.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CameraMetersTest {

    @Test
    void aCamerasCountersShowPerCameraSurviveARestartOfItsIngestAndLeaveWithIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CameraMeters meters = new CameraMeters(registry);
        CameraCounters counters = meters.of(5);
        counters.connected();
        counters.frame(1000);
        counters.dropped(); // that frame came before the first keyframe
        counters.frame(4000);
        counters.connected(); // the camera dropped the connection and came back
        counters.frame(500);
        meters.of(6).frame(1);
        assertSame(counters, meters.of(5), "a restarted ingest keeps counting on the same counters");
        assertEquals(3.0, registry.get("vigil.camera.frames.in").tag("camera", "5").functionCounter().count());
        assertEquals(5500.0, registry.get("vigil.camera.received.bytes").tag("camera", "5").functionCounter().count());
        assertEquals(1.0, registry.get("vigil.camera.frames.dropped").tag("camera", "5").functionCounter().count());
        assertEquals(1.0, registry.get("vigil.camera.reconnects").tag("camera", "5").functionCounter().count());
        assertEquals(1.0, registry.get("vigil.camera.frames.in").tag("camera", "6").functionCounter().count());
        meters.forget(5);
        assertTrue(registry.find("vigil.camera.frames.in").tag("camera", "5").meters().isEmpty(), "a removed camera's meters leave");
        assertEquals(4, registry.find("vigil.camera.frames.in").meters().size()
                + registry.find("vigil.camera.received.bytes").meters().size()
                + registry.find("vigil.camera.frames.dropped").meters().size()
                + registry.find("vigil.camera.reconnects").meters().size(), "camera 6's four stay");
    }
}
