package org.vigilvms.storage;

/**
 * How a volume fills, as administrators read it: the bytes it may still take (free space above
 * its reserve, within its quota) and, while it grows, the days until they are used.
 *
 * @param roomBytes what the volume may still take
 * @param trend     {@code MEASURING} before a minute of samples, {@code STEADY} when retention
 *                  frees as much as recording writes, {@code FILLING} otherwise
 * @param daysLeft  days until full at the recent rate; only when {@code FILLING}
 */
public record FillOutlook(long roomBytes, Trend trend, Double daysLeft) {

    /** Which way a volume's use goes. */
    public enum Trend { MEASURING, STEADY, FILLING }

    /** From a {@link FillForecast} reading: NaN is no forecast yet, infinity a volume that never fills. */
    static FillOutlook of(long roomBytes, double forecastDays) {
        if (Double.isNaN(forecastDays)) {
            return new FillOutlook(roomBytes, Trend.MEASURING, null);
        }
        return Double.isInfinite(forecastDays) ? new FillOutlook(roomBytes, Trend.STEADY, null)
                : new FillOutlook(roomBytes, Trend.FILLING, forecastDays);
    }
}
