package org.vigilvms.jms.analytics;

import java.util.Locale;

/**
 * A named rectangle on a camera's picture, in fractions of its width and height (0..1), so it
 * holds whatever resolution the analysis runs at.
 */
public record Region(String name, double x, double y, double width, double height) {

    public Region {
        if (!(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1.0001 && y + height <= 1.0001)) {
            throw new IllegalArgumentException("region " + name + " must lie inside the picture (fractions 0..1)");
        }
    }

    public boolean intersects(Region other) {
        return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
    }

    /** The exact text a signature covers (4 decimals, so every producer writes the same). */
    String canonical() {
        return String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f", name == null ? "" : name, x, y, width, height);
    }
}
