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
 * input always gives the same moves. A camera pinned to a node by its administrator is recorded
 * by that node alone: it goes there whether the node is alive or not (while it is down, nobody
 * records the camera), and it is left out of the spread.
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
        return moves(cameras, Map.of(), owners, live);
    }

    /**
     * @param cameras the cameras to record
     * @param pins    the node each pinned camera must be recorded by (unpinned cameras are absent)
     * @param owners  each camera's owner now (cameras without one are absent)
     * @param live    the recorder nodes alive now
     * @return the moves, in camera order: each pinned camera not on its node goes there; the others
     *         are spread as {@link #moves(Set, Map, Set)} does, none when no node is alive
     */
    public static List<Move> moves(Set<Long> cameras, Map<Long, String> pins, Map<Long, String> owners, Set<String> live) {
        List<Move> moves = new ArrayList<>();
        Set<Long> spread = new TreeSet<>();
        for (long camera : cameras) {
            String pin = pins.get(camera);
            if (pin == null) {
                spread.add(camera);
            } else if (!pin.equals(owners.get(camera))) {
                moves.add(new Move(camera, owners.get(camera), pin));
            }
        }
        moves.addAll(spread(spread, owners, live));
        moves.sort(Comparator.comparingLong(Move::cameraId));
        return moves;
    }

    private static List<Move> spread(Set<Long> cameras, Map<Long, String> owners, Set<String> live) {
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
        return moves;
    }
}
