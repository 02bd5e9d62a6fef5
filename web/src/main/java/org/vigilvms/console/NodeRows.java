package org.vigilvms.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.ownership.RecorderNodes.RecorderNode;
import org.vigilvms.platform.NodeRole;

/**
 * The system page's nodes: every node that a service heartbeats from, or that holds a recorder
 * lease, with the roles its services show (a node's recorder and storage services are its recorder
 * role) and, for a recorder, its lease and cameras. Pure, so every case is unit-tested.
 */
public final class NodeRows {

    /**
     * A service the management node hears from: its producer name ({@code svc-recorder@vigil-2})
     * and the host its heartbeat reports, which names the node only for a bare producer name.
     */
    public record Heard(String producer, String host) {
    }

    /**
     * One node.
     *
     * @param node     its name
     * @param roles    the roles its services show, in the order of {@link NodeRole}, comma-separated
     * @param recorder its recorder lease and cameras; null when it holds no lease
     */
    public record NodeRow(String node, String roles, RecorderNode recorder) {

        /** The row's style: {@code alive} or {@code gone} for a recorder, {@code other} for a node without a lease. */
        public String state() {
            return recorder == null ? "other" : recorder.alive() ? "alive" : "gone";
        }
    }

    private NodeRows() {
    }

    public static List<NodeRow> of(List<Heard> services, List<RecorderNode> recorders) {
        Map<String, Set<NodeRole>> roles = new TreeMap<>();
        for (Heard heard : services) {
            // the node the producer's name gives (its Vigil node), not the host its heartbeat reports
            ProducerName.parse(heard.producer()).ifPresent(producer -> Arrays.stream(NodeRole.values())
                    .filter(role -> role.services().contains(producer.service()))
                    .forEach(role -> roles.computeIfAbsent(producer.nodeOr(heard.host()), n -> EnumSet.noneOf(NodeRole.class))
                            .add(role)));
        }
        Map<String, RecorderNode> leases = new TreeMap<>();
        for (RecorderNode recorder : recorders) {
            leases.put(recorder.node(), recorder);
            roles.computeIfAbsent(recorder.node(), n -> EnumSet.noneOf(NodeRole.class)).add(NodeRole.RECORDER);
        }
        List<NodeRow> rows = new ArrayList<>();
        roles.forEach((node, held) -> rows.add(new NodeRow(node,
                held.stream().map(NodeRole::id).collect(Collectors.joining(", ")), leases.get(node))));
        return rows;
    }
}
