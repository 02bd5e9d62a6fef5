package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FillOutlookTest {

    private static final long GB = 1L << 30;
    private static final long RESERVE = 256L << 20;

    @Test
    void aForecastReadsAsMeasuringSteadyOrDaysLeft() {
        assertEquals(new FillOutlook(GB, FillOutlook.Trend.MEASURING, null), FillOutlook.of(GB, Double.NaN));
        assertEquals(new FillOutlook(GB, FillOutlook.Trend.STEADY, null), FillOutlook.of(GB, Double.POSITIVE_INFINITY));
        assertEquals(new FillOutlook(GB, FillOutlook.Trend.FILLING, 3.5), FillOutlook.of(GB, 3.5));
        assertEquals(new FillOutlook(0, FillOutlook.Trend.FILLING, 0.0), FillOutlook.of(0, 0));
    }

    @Test
    void theRoomIsTheDisksFreeSpaceAboveTheReserveWithinTheQuota() {
        StorageVolume unlimited = new StorageVolume("a", "/srv/a", null, Instant.EPOCH);
        assertEquals(10 * GB - RESERVE, unlimited.roomBytes(10 * GB), "no quota: the disk is the limit");
        assertEquals(0, unlimited.roomBytes(RESERVE / 2), "inside the reserve: no room, never negative");

        StorageVolume quota = new StorageVolume("b", "/srv/b", 4 * GB, Instant.EPOCH);
        quota.addUsed(3 * GB);
        assertEquals(GB, quota.roomBytes(100 * GB), "the quota is the limit on a large disk");
        assertEquals(GB / 2 - RESERVE, quota.roomBytes(GB / 2), "the disk is the limit when it has less");
        quota.addUsed(2 * GB);
        assertEquals(0, quota.roomBytes(100 * GB), "over its quota: no room");
    }

    @Test
    void theFillIsTheUsedShareOfWhatVigilMayUse() {
        StorageVolumes.VolumeView view = new StorageVolumes.VolumeView(1, "a", "/srv/a", null, 3 * GB, 10 * GB, "ACTIVE", null,
                Instant.EPOCH, new FillOutlook(GB, FillOutlook.Trend.FILLING, 2.0));
        assertEquals(0.75, view.fill(), 1e-9);
        StorageVolumes.VolumeView empty = new StorageVolumes.VolumeView(2, "b", "/srv/b", null, 0, 0, "FULL", null,
                Instant.EPOCH, new FillOutlook(0, FillOutlook.Trend.MEASURING, null));
        assertEquals(1.0, empty.fill(), "nothing used and no room: full");
    }
}
