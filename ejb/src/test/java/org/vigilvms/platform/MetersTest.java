package org.vigilvms.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetersTest {

    @Test
    void aRedeployedVigilReadsItsOwnObjectsAndLeavesNothingBehind() {
        SimpleMeterRegistry server = new SimpleMeterRegistry(); // outlives the deployments
        AtomicLong firstLag = new AtomicLong(7);
        AtomicLong firstFrames = new AtomicLong(100);
        Meters.gauge(server, "vigil.audit.chain.lag.seconds", Tags.empty(), firstLag, AtomicLong::get);
        Meters.functionCounter(server, "vigil.camera.frames.in", Tags.of("camera", "5"), firstFrames, AtomicLong::get);
        server.counter("jvm.other.things").increment();

        // deployed again without an undeploy's cleanup (the old deployment's objects still about)
        AtomicLong secondLag = new AtomicLong(2);
        AtomicLong secondFrames = new AtomicLong(3);
        Meters.gauge(server, "vigil.audit.chain.lag.seconds", Tags.empty(), secondLag, AtomicLong::get);
        Meters.functionCounter(server, "vigil.camera.frames.in", Tags.of("camera", "5"), secondFrames, AtomicLong::get);
        assertEquals(2.0, server.get("vigil.audit.chain.lag.seconds").gauge().value(), "the new deployment's gauge");
        assertEquals(3.0, server.get("vigil.camera.frames.in").tag("camera", "5").functionCounter().count());
        assertEquals(1, server.find("vigil.audit.chain.lag.seconds").meters().size(), "one gauge, not two");

        assertEquals(2, Meters.removeAll(server), "the undeploy's cleanup");
        assertTrue(server.find("vigil.audit.chain.lag.seconds").meters().isEmpty());
        assertTrue(server.find("vigil.camera.frames.in").meters().isEmpty());
        assertEquals(1.0, server.get("jvm.other.things").counter().count(), "the server's own meters stay");
    }
}
