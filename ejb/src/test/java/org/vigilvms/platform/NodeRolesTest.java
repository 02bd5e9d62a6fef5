package org.vigilvms.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;

class NodeRolesTest {

    @Test
    void aNodeWithNothingSetIsTheSingleBoxWithEveryRole() {
        NodeRoles roles = NodeRoles.from(name -> null);
        assertEquals(EnumSet.allOf(NodeRole.class), roles.all());
        assertEquals(EnumSet.allOf(ServiceIdentity.class), roles.services());
        assertEquals("management,recorder,analytics", roles.toString());
    }

    @Test
    void aRecorderNodeRunsTheRecorderAndTheStorageServiceOnly() {
        NodeRoles roles = NodeRoles.from(Map.of("vigil.role.management", "false", "vigil.role.analytics", " FALSE ")::get);
        assertTrue(roles.has(NodeRole.RECORDER));
        assertFalse(roles.has(NodeRole.MANAGEMENT));
        assertFalse(roles.has(NodeRole.ANALYTICS));
        assertEquals(EnumSet.of(ServiceIdentity.RECORDER, ServiceIdentity.STORAGE), roles.services());
        assertEquals("recorder", roles.toString());
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseStopsTheNodeRatherThanSwitchingARoleOff() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> NodeRoles.from(Map.of("vigil.role.recorder", "flase")::get));
        assertEquals("vigil.role.recorder is true or false, not 'flase'", typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeRoles.from(Map.of("vigil.role.analytics", "")::get));
    }

    @Test
    void aNodeWithEveryRoleSwitchedOffDoesNotStart() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> NodeRoles.from(
                Map.of("vigil.role.management", "false", "vigil.role.recorder", "false", "vigil.role.analytics", "false")::get));
        assertTrue(none.getMessage().startsWith("a node runs at least one role"), none.getMessage());
    }

    @Test
    void aNodeWithoutManagementPostsWhatManagementConsumesToItsOutboxAndTheRestToTheDestination() {
        NodeRoles recorder = NodeRoles.of(NodeRole.RECORDER);
        assertEquals("vigil.outbox.camera.status", recorder.queueFor(Destinations.CAMERA_STATUS));
        assertEquals("vigil.outbox.heartbeat", recorder.queueFor(Destinations.HEARTBEAT));
        assertEquals("vigil.outbox.analytics.events", NodeRoles.of(NodeRole.ANALYTICS).queueFor(Destinations.ANALYTICS_EVENTS));
        assertEquals(Destinations.SEGMENTS, recorder.queueFor(Destinations.SEGMENTS));
        NodeRoles management = NodeRoles.of(NodeRole.MANAGEMENT, NodeRole.RECORDER);
        for (String destination : Destinations.ALL) {
            assertEquals(destination, management.queueFor(destination), "the management node posts to " + destination);
        }
    }
}
