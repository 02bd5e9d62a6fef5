package org.vigilvms.ownership;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which recorder node should record which camera: every camera on a live node, the counts per
 * node at most one apart, and as few cameras moved as that allows. A camera stays where it is
 * while its node lives and is not above its share; the cameras of a node that is gone, and those
 * above a node's share (a node came back or joined), go to the nodes with the fewest. The same
 * input always gives the same moves.
 */
public final class OwnershipPlan {

    /** A camera to be recorded by {@code to} from now on; {@code from} is its owner now (null: none). */
    public record Move(long cameraId, String from, String to) {
    }

    private OwnershipPlan() {
    }

    /**
     * @param cameras the cameras to record
     * @param owners  each camera's owner now (cameras without one are absent)
     * @param live    the recorder nodes alive now
     * @return the moves, in camera order; none when no node is alive
     */
    public static List<Move> moves(Set<Long> cameras, Map<Long, String> owners, Set<String> live) {
        if (live.isEmpty() || cameras.isEmpty()) {
            return List.of();
        }
        Map<String, SortedSet<Long>> kept = new TreeMap<>();
        live.forEach(node -> kept.put(node, new TreeSet<>()));
        SortedSet<Long> homeless = new TreeSet<>();
        for (long camera : cameras) {
            String owner = owners.get(camera);
            if (owner != null && live.contains(owner)) {
                kept.get(owner).add(camera);
            } else {
                homeless.add(camera);
            }
        }
        int share = cameras.size() / live.size();
        int largerShares = cameras.size() % live.size();
        // the nodes that hold most now keep the larger shares: fewer moves
        List<String> byLoad = new ArrayList<>(kept.keySet());
        byLoad.sort(Comparator.comparingInt((String node) -> kept.get(node).size()).reversed().thenComparing(node -> node));
        Map<String, Integer> capacity = new HashMap<>();
        for (int i = 0; i < byLoad.size(); i++) {
            capacity.put(byLoad.get(i), share + (i < largerShares ? 1 : 0));
        }
        for (String node : byLoad) {
            SortedSet<Long> held = kept.get(node);
            while (held.size() > capacity.get(node)) {
                long last = held.last(); // the newest cameras move, the oldest stay
                held.remove(last);
                homeless.add(last);
            }
        }
        List<Move> moves = new ArrayList<>();
        for (long camera : homeless) {
            String to = byLoad.stream().filter(node -> kept.get(node).size() < capacity.get(node))
                    .min(Comparator.comparingInt((String node) -> kept.get(node).size()).thenComparing(node -> node))
                    .orElseThrow();
            kept.get(to).add(camera);
            moves.add(new Move(camera, owners.get(camera), to));
        }
        moves.sort(Comparator.comparingLong(Move::cameraId));
        return moves;
    }
}
