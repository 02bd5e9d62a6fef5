package org.vigilvms.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vigilvms.jms.heartbeat.ServiceHeartbeat;

class MessageCodecTest {

    @Test
    void recordsRoundTripThroughJson() {
        ServiceHeartbeat heartbeat = new ServiceHeartbeat("node-1", "0.1.0", 1_764_150_000_000L);
        assertEquals(heartbeat, MessageCodec.decode(MessageCodec.encode(heartbeat), ServiceHeartbeat.class));
    }

    @Test
    void everyIdentitySendsOnlyToKnownDestinations() {
        for (ServiceIdentity identity : ServiceIdentity.values()) {
            assertEquals(true, Destinations.ALL.containsAll(identity.sendsTo()), identity.name());
            assertEquals(true, Destinations.ALL.containsAll(identity.consumesFrom()), identity.name());
        }
    }
}
