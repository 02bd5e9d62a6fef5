package org.vigilvms.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.vigilvms.ownership.OwnershipPlan.Move;

class OwnershipPlanTest {

    private static Set<Long> cameras(int count) {
        return LongStream.rangeClosed(1, count).boxed().collect(Collectors.toSet());
    }

    /** Owners after the moves are applied. */
    private static Map<Long, String> after(Map<Long, String> owners, List<Move> moves) {
        Map<Long, String> result = new HashMap<>(owners);
        moves.forEach(m -> result.put(m.cameraId(), m.to()));
        return result;
    }

    private static Map<String, Long> perNode(Map<Long, String> owners) {
        return owners.values().stream().collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }

    @Test
    void newCamerasAreSpreadEvenlyOverTheLiveNodes() {
        List<Move> moves = OwnershipPlan.moves(cameras(7), Map.of(), Set.of("a", "b", "c"));
        assertEquals(7, moves.size());
        assertEquals(Map.of("a", 3L, "b", 2L, "c", 2L), perNode(after(Map.of(), moves)));
        assertEquals(new Move(1, null, "a"), moves.get(0));
        assertEquals(new Move(2, null, "b"), moves.get(1));
    }

    @Test
    void anEvenSpreadMovesNothing() {
        Map<Long, String> owners = Map.of(1L, "a", 2L, "b", 3L, "a", 4L, "b", 5L, "a");
        assertEquals(List.of(), OwnershipPlan.moves(cameras(5), owners, Set.of("a", "b")));
    }

    @Test
    void theCamerasOfANodeThatIsGoneGoToTheOthersAndNoOtherCameraMoves() {
        Map<Long, String> owners = new HashMap<>();
        for (long camera = 1; camera <= 6; camera++) {
            owners.put(camera, camera <= 3 ? "a" : camera <= 5 ? "b" : "c");
        }
        List<Move> moves = OwnershipPlan.moves(cameras(6), owners, Set.of("b", "c"));
        assertEquals(List.of(new Move(1, "a", "c"), new Move(2, "a", "b"), new Move(3, "a", "c")), moves);
        assertEquals(Map.of("b", 3L, "c", 3L), perNode(after(owners, moves)));
    }

    @Test
    void aNodeThatComesBackGetsItsShareFromTheNodeThatHoldsMostAndOnlyThat() {
        Map<Long, String> owners = new HashMap<>();
        for (long camera = 1; camera <= 8; camera++) {
            owners.put(camera, camera <= 6 ? "a" : "b");
        }
        List<Move> moves = OwnershipPlan.moves(cameras(8), owners, Set.of("a", "b", "c"));
        // shares 3, 3, 2: a gives up its three newest; b keeps its two; c takes what it can, then b
        assertEquals(Map.of("a", 3L, "b", 3L, "c", 2L), perNode(after(owners, moves)));
        assertEquals(3, moves.size(), moves.toString());
        moves.forEach(m -> assertEquals("a", m.from(), m.toString()));
        assertEquals(List.of(4L, 5L, 6L), moves.stream().map(Move::cameraId).toList());
    }

    @Test
    void withNoLiveNodeNothingMovesAndCamerasThatAreGoneDoNotCount() {
        assertEquals(List.of(), OwnershipPlan.moves(cameras(3), Map.of(1L, "a"), Set.of()));
        // camera 9 is owned but no longer to be recorded: it neither moves nor takes a place
        Map<Long, String> owners = Map.of(1L, "a", 2L, "a", 9L, "a");
        assertEquals(List.of(new Move(2, "a", "b")), OwnershipPlan.moves(cameras(2), owners, Set.of("a", "b")));
    }

    @Test
    void aCameraOwnedByANodeNotAmongTheLiveOnesIsHomelessEvenIfTheNodeHasOthers() {
        Map<Long, String> owners = Map.of(1L, "x", 2L, "a");
        List<Move> moves = OwnershipPlan.moves(cameras(2), owners, Set.of("a", "b"));
        assertEquals(List.of(new Move(1, "x", "b")), moves);
    }

    @Test
    void aPinnedCameraGoesToItsNodeAliveOrNotAndTheOthersAreSpreadWithoutIt() {
        Map<Long, String> owners = Map.of(1L, "a", 2L, "a", 3L, "b", 4L, "b");
        // camera 1 pinned to c, which is down: it goes there all the same, and nobody records it meanwhile
        List<Move> moves = OwnershipPlan.moves(cameras(4), Map.of(1L, "c"), owners, Set.of("a", "b"));
        assertEquals(List.of(new Move(1, "a", "c")), moves, "the three others stay 1 + 2, an even spread");
        // a new camera pinned to b goes to b even though a holds fewer of the spread
        Map<Long, String> pinnedToB = Map.of(1L, "c", 5L, "b");
        assertEquals(List.of(new Move(5, null, "b")),
                OwnershipPlan.moves(cameras(5), pinnedToB, after(owners, moves), Set.of("a", "b")));
    }

    @Test
    void aPinnedCameraStaysOnItsNodeWhenTheNodeIsGoneAndIsSpreadAgainOnceUnpinned() {
        Map<Long, String> owners = Map.of(1L, "c", 2L, "a", 3L, "b");
        assertEquals(List.of(), OwnershipPlan.moves(cameras(3), Map.of(1L, "c"), owners, Set.of("a", "b")),
                "no node alive needed: a pinned camera on its node moves nowhere");
        assertEquals(List.of(new Move(1, "c", "a")), OwnershipPlan.moves(cameras(3), Map.of(), owners, Set.of("a", "b")),
                "unpinned, it is homeless on a node that is gone and goes to the first with the fewest");
        assertEquals(List.of(new Move(4, null, "x")), OwnershipPlan.moves(Set.of(4L), Map.of(4L, "x"), Map.of(), Set.of()),
                "pinned with no node alive at all");
    }
}
