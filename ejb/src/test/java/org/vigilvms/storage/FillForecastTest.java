package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FillForecastTest {

    private static final long MINUTE = 60_000;
    private static final long GB = 1_000_000_000L;

    @Test
    void daysLeftFollowTheLastHoursNetGrowth() {
        FillForecast forecast = new FillForecast();
        // 1 GB per hour: 24 GB a day, so 48 GB of room last two days
        for (int m = 0; m <= 60; m += 10) {
            forecast.add(m * MINUTE, 100 * GB + m * GB / 60);
        }
        assertEquals(2.0, forecast.daysLeft(48 * GB), 1e-9);
        // the samples of the first hour leave the window: from minute 70 the volume stopped growing
        for (int m = 70; m <= 130; m += 10) {
            forecast.add(m * MINUTE, 101 * GB);
        }
        assertEquals(Double.POSITIVE_INFINITY, forecast.daysLeft(48 * GB), "flat for the last hour: never full");
    }

    @Test
    void retentionThatFreesMoreThanRecordingWritesNeverFillsAndAFullVolumeHasNone() {
        FillForecast forecast = new FillForecast();
        forecast.add(0, 10 * GB);
        forecast.add(30 * MINUTE, 9 * GB);
        assertEquals(Double.POSITIVE_INFINITY, forecast.daysLeft(GB));
        assertEquals(0.0, forecast.daysLeft(0), "no room: no days");
    }

    @Test
    void noForecastBeforeAMinuteOfSamples() {
        FillForecast forecast = new FillForecast();
        assertTrue(Double.isNaN(forecast.daysLeft(GB)));
        forecast.add(0, 0);
        forecast.add(59_000, GB);
        assertTrue(Double.isNaN(forecast.daysLeft(GB)), "59 s of samples");
        forecast.add(MINUTE, GB);
        assertEquals(1.0 / 1440, forecast.daysLeft(GB), 1e-9, "1 GB a minute: one more GB in a minute");
    }
}
