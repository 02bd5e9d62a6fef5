package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigilvms.console.NodeRows.Heard;
import org.vigilvms.console.NodeRows.NodeRow;
import org.vigilvms.ownership.RecorderNodes.RecorderNode;

class NodeRowsTest {

    private static final Instant LEASE = Instant.parse("2026-12-06T06:00:00Z");

    @Test
    void eachNodeOnceWithTheRolesItsServicesShowAndItsRecorderLease() {
        List<NodeRow> rows = NodeRows.of(List.of(
                        new Heard("svc-storage@vigil-2", "host-b"), new Heard("svc-recorder@vigil-2", "host-b"),
                        new Heard("svc-analytics@vigil-1", "host-a"), new Heard("svc-management@vigil-1", "host-a"),
                        new Heard("svc-recorder@vigil-1", "host-a"), new Heard("svc-analytics@lab-3", "lab-3.example.org")),
                List.of(new RecorderNode("vigil-1", LEASE, true, 3), new RecorderNode("vigil-2", LEASE, false, 0)));
        assertEquals(List.of("lab-3", "vigil-1", "vigil-2"), rows.stream().map(NodeRow::node).toList());
        assertEquals(List.of("analytics", "management, recorder, analytics", "recorder"), rows.stream().map(NodeRow::roles).toList());
        assertEquals(List.of("other", "alive", "gone"), rows.stream().map(NodeRow::state).toList());
        assertNull(rows.get(0).recorder());
        assertEquals(3, rows.get(1).recorder().cameras());
    }

    @Test
    void aBareProducerNameIsTheServiceOfTheHostItsHeartbeatReports() {
        assertEquals(List.of(new NodeRow("old-box", "management", null)), NodeRows.of(List.of(new Heard("svc-management", "old-box")),
                List.of()));
    }

    @Test
    void aRecorderWhoseHeartbeatsAreNotHeardYetIsListedByItsLeaseAndANameOfNoServiceOfOursShowsNoRole() {
        List<NodeRow> rows = NodeRows.of(List.of(new Heard("intruder@x", "x")), List.of(new RecorderNode("vigil-3", LEASE, true, 1)));
        assertEquals(List.of(new NodeRow("vigil-3", "recorder", new RecorderNode("vigil-3", LEASE, true, 1))), rows);
    }
}
