package org.vigilvms.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProducerNameTest {

    @Test
    void aNodeNamedProducerNamesItsServiceAndNode() {
        ProducerName name = ProducerName.parse("svc-recorder@vigil-2").orElseThrow();
        assertEquals(ServiceIdentity.RECORDER, name.service());
        assertEquals("vigil-2", name.nodeOr("vigil-1"));
        assertEquals("svc-recorder@vigil-2", ProducerName.of(ServiceIdentity.RECORDER, "vigil-2"));
    }

    @Test
    void aBareServiceNameIsTheReadersOwnService() {
        ProducerName name = ProducerName.parse("svc-storage").orElseThrow();
        assertEquals(ServiceIdentity.STORAGE, name.service());
        assertEquals(Optional.empty(), name.node());
        assertEquals("vigil-1", name.nodeOr("vigil-1"));
    }

    @Test
    void namesOfNoServiceOfOursAreNotProducers() {
        for (String name : new String[] {"anyone@vigil-1", "svc-recorder@", "svc-recorderX@vigil-1", "", "@vigil-1"}) {
            assertEquals(Optional.empty(), ProducerName.parse(name), name);
        }
        assertEquals(Optional.empty(), ProducerName.parse(null));
    }

    @Test
    void aServiceSendsOnlyToItsOwnDestinations() {
        assertTrue(ProducerName.parse("svc-recorder@n").orElseThrow().sendsTo(Destinations.SEGMENTS));
        assertFalse(ProducerName.parse("svc-analytics@n").orElseThrow().sendsTo(Destinations.SEGMENTS));
        assertFalse(ProducerName.parse("svc-analytics@n").orElseThrow().sendsTo(Destinations.CAMERA_STATUS));
        assertTrue(ProducerName.parse("svc-storage").orElseThrow().sendsTo(Destinations.HEARTBEAT));
    }
}
