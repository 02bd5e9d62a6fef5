package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.vigilvms.camera.CameraQuery;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.CameraTable;
import org.vigilvms.camera.CameraView;

class CameraRowsTest {

    /** Answers every page empty and keeps the queries it was asked. */
    private static final class Asked implements CameraRows.Source {
        private static final long serialVersionUID = 1L;
        final List<CameraQuery> queries = new ArrayList<>();
        List<CameraView> answer = List.of();

        @Override
        public CameraTable.Page page(CameraQuery query) {
            queries.add(query);
            return new CameraTable.Page(answer, answer.size());
        }

        @Override
        public CameraRow row(CameraView camera) {
            throw new AssertionError("no rows to show");
        }
    }

    @Test
    void theTablesFiltersSortAndPageBecomeTheQueryAndTheSiteTreeNarrowsIt() {
        Asked asked = new Asked();
        CameraRows rows = new CameraRows(asked);
        rows.atSite("North");
        rows.load(50, 25, Map.of("site", SortMeta.builder().field("site").order(SortOrder.DESCENDING).build()),
                Map.of("name", FilterMeta.builder().field("name").filterValue(" gate ").build(),
                        "health", FilterMeta.builder().field("health").filterValue("offline").build()));
        assertEquals(new CameraQuery("gate", null, null, CameraStatus.OFFLINE, "North", CameraQuery.Sort.SITE, true, 50, 25),
                asked.queries.get(0));
    }

    @Test
    void anUnknownHealthOrNoSortAsksForEveryStateByName() {
        Asked asked = new Asked();
        new CameraRows(asked).load(0, 25, Map.of(), Map.of("health", FilterMeta.builder().field("health").filterValue("EXPLODED").build()));
        CameraQuery query = asked.queries.get(0);
        assertNull(query.health());
        assertEquals(CameraQuery.Sort.NAME, query.sort());
        assertFalse(query.descending());
    }

    @Test
    void aChangeIsSeenOnlyWhenThePageShownWouldLookDifferent() {
        Asked asked = new Asked();
        CameraRows rows = new CameraRows(asked);
        assertFalse(rows.changed(), "nothing shown yet");
        rows.load(0, 25, Map.of(), Map.of());
        assertFalse(rows.changed());
        asked.answer = List.of(new CameraView(1, "gate", "North", "rtsps://gate/stream", null, true, CameraStatus.ONLINE, null,
                null, null, null, 86400, false, "CONTINUOUS", null, null, 5, 10, false, null, null, null, null, null, null, false));
        assertTrue(rows.changed());
    }
}
