package org.vigilvms.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vigilvms.platform.InvalidRequestException;

class CameraTableTest {

    private static CameraView camera(long id, String name, String site, boolean enabled, CameraStatus status, long since) {
        return new CameraView(id, name, site, "rtsps://cam" + id + ".example/stream", null, enabled, status, null,
                Instant.ofEpochSecond(since), null, null, 86400, false, "CONTINUOUS", null, null, 5, 10, false, null, null, null, null, null, null, false);
    }

    private static final List<CameraView> CAMERAS = List.of(
            camera(1, "Gate east", "North", true, CameraStatus.ONLINE, 30),
            camera(2, "gate west", "North", true, CameraStatus.OFFLINE, 10),
            camera(3, "Lobby", "south", false, CameraStatus.ONLINE, 20),
            camera(4, "Yard", "South", true, CameraStatus.ONLINE, 40));

    private static List<Long> ids(CameraTable.Page page) {
        return page.rows().stream().map(CameraView::id).toList();
    }

    @Test
    void filtersByTextInAnyCaseAndByHealthWhereADisabledCameraIsDisabled() {
        assertEquals(List.of(1L, 2L), ids(CameraTable.page(CAMERAS, new CameraQuery("GATE", null, null, null, null, null, false, 0, 10))));
        assertEquals(List.of(3L, 4L), ids(CameraTable.page(CAMERAS, new CameraQuery(null, " south ", null, null, null, null, false, 0, 10))));
        assertEquals(List.of(4L), ids(CameraTable.page(CAMERAS, new CameraQuery(null, null, "cam4.", null, null, null, false, 0, 10))));
        assertEquals(List.of(1L, 4L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, CameraStatus.ONLINE, null, null, false, 0, 10))));
        assertEquals(List.of(3L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, CameraStatus.DISABLED, null, null, false, 0, 10))));
        // a site chosen in the tree is that site, not every site whose name contains it
        List<CameraView> withNorthGate = new ArrayList<>(CAMERAS);
        withNorthGate.add(camera(5, "Barrier", "North gate", true, CameraStatus.ONLINE, 50));
        assertEquals(List.of(1L, 2L), ids(CameraTable.page(withNorthGate,
                new CameraQuery(null, null, null, null, "north", null, false, 0, 10))));
        assertEquals(List.of(5L, 1L, 2L), ids(CameraTable.page(withNorthGate,
                new CameraQuery(null, "north", null, null, null, null, false, 0, 10))));
    }

    @Test
    void anEnabledCameraWhoseRecorderNodeIsDownIsRecorderDownAndADisabledOneStaysDisabled() {
        List<CameraView> cameras = List.of(
                camera(1, "Gate east", "North", true, CameraStatus.ONLINE, 30).withRecorder("vigil-far", true),
                camera(2, "gate west", "North", true, CameraStatus.ONLINE, 10).withRecorder("vigil-1", false),
                camera(3, "Lobby", "south", false, CameraStatus.DISABLED, 20).withRecorder("vigil-far", true),
                camera(4, "Yard", "South", true, CameraStatus.NEW, 40).withRecorder(null, false));
        assertEquals(List.of(CameraStatus.RECORDER_DOWN, CameraStatus.ONLINE, CameraStatus.DISABLED, CameraStatus.NEW),
                cameras.stream().map(CameraTable::health).toList(), "its last status (ONLINE) no longer holds: nobody records it");
        assertEquals(List.of(1L), ids(CameraTable.page(cameras,
                new CameraQuery(null, null, null, CameraStatus.RECORDER_DOWN, null, null, false, 0, 10))));
    }

    @Test
    void sortsByTheColumnAskedEitherWayWithTiesByName() {
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(CameraTable.page(CAMERAS, CameraQuery.byName(10))));
        assertEquals(List.of(4L, 3L, 2L, 1L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, null, null, CameraQuery.Sort.NAME, true, 0, 10))));
        assertEquals(List.of(2L, 3L, 1L, 4L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, null, null, CameraQuery.Sort.SINCE, false, 0, 10))));
        // ONLINE before OFFLINE before DISABLED (the enum's order); the two online ones by name
        assertEquals(List.of(1L, 4L, 2L, 3L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, null, null, CameraQuery.Sort.HEALTH, false, 0, 10))));
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, null, null, CameraQuery.Sort.SITE, false, 0, 10))));
    }

    @Test
    void pagesOfAThousandCamerasNeitherRepeatNorSkipOne() {
        List<CameraView> many = new ArrayList<>();
        IntStream.range(0, 1000).forEach(i -> many.add(camera(i, "cam " + (i % 7), "site " + (i % 13), true, CameraStatus.ONLINE, i % 5)));
        List<Long> seen = new ArrayList<>();
        for (int first = 0; first < 1000; first += 30) {
            CameraTable.Page page = CameraTable.page(many, new CameraQuery(null, null, null, null, null, CameraQuery.Sort.SITE, true, first, 30));
            assertEquals(1000, page.total());
            seen.addAll(ids(page));
        }
        assertEquals(1000, seen.size());
        assertEquals(1000, seen.stream().distinct().count());
        assertEquals(0, CameraTable.page(many, new CameraQuery(null, null, null, null, null, null, false, 2000, 30)).rows().size());
    }

    @Test
    void countsCamerasPerSiteWhateverTheCase() {
        assertEquals(Map.of("North", 2L, "south", 2L), Map.copyOf(CameraTable.sites(CAMERAS)));
    }

    @Test
    void refusesPagesOutsideTheirBounds() {
        assertThrows(InvalidRequestException.class, () -> CameraTable.page(CAMERAS, new CameraQuery(null, null, null, null, null, null, false, -1, 10)));
        assertThrows(InvalidRequestException.class, () -> CameraTable.page(CAMERAS, new CameraQuery(null, null, null, null, null, null, false, 0, 0)));
        assertThrows(InvalidRequestException.class, () -> CameraTable.page(CAMERAS,
                new CameraQuery(null, null, null, null, null, null, false, 0, CameraQuery.MOST_ROWS + 1)));
    }
}
