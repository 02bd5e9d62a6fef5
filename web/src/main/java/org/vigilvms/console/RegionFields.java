package org.vigilvms.console;

import java.util.Optional;
import org.vigilvms.jms.analytics.Region;

/**
 * A rectangle of the picture as the analytics dialog's fields hold it, in percent of the picture
 * (drawn on the snapshot or typed), and as the configuration keeps it, in fractions; percent
 * shown with one decimal.
 */
final class RegionFields {

    private RegionFields() {
    }

    /** The region the fields describe, or empty where they describe none inside the picture. */
    static Optional<Region> region(String name, Double left, Double top, Double width, Double height) {
        if (left == null || top == null || width == null || height == null) {
            return Optional.empty();
        }
        double x = fraction(left);
        double y = fraction(top);
        double w = fraction(width);
        double h = fraction(height);
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > 1 || y + h > 1) {
            return Optional.empty();
        }
        return Optional.of(new Region(name, x, y, w, h));
    }

    /** A fraction of the picture in percent, with one decimal. */
    static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static double fraction(double percent) {
        return Math.round(percent * 100) / 10_000.0;
    }
}
