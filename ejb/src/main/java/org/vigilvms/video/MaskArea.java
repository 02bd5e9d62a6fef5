package org.vigilvms.video;

import java.util.ArrayList;
import java.util.List;
import org.vigilvms.jms.analytics.Region;

/**
 * Privacy mask regions (fractions of the picture) as pixel boxes of one picture size, rounded
 * outwards: a pixel that a region touches at all is covered, so no sliver of what is masked
 * survives at any resolution.
 */
public final class MaskArea {

    /** Pixels {@code left <= x < right}, {@code top <= y < bottom}. */
    public record Box(int left, int top, int right, int bottom) {

        public boolean covers(int x, int y) {
            return x >= left && x < right && y >= top && y < bottom;
        }
    }

    private MaskArea() {
    }

    /** The boxes covering {@code masks} on a {@code width} x {@code height} picture; empty boxes are left out. */
    public static List<Box> of(List<Region> masks, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a picture of " + width + "x" + height + " has no pixels");
        }
        List<Box> boxes = new ArrayList<>();
        for (Region mask : masks) {
            int left = clamp((int) Math.floor(mask.x() * width), width);
            int top = clamp((int) Math.floor(mask.y() * height), height);
            int right = clamp((int) Math.ceil((mask.x() + mask.width()) * width), width);
            int bottom = clamp((int) Math.ceil((mask.y() + mask.height()) * height), height);
            if (right > left && bottom > top) {
                boxes.add(new Box(left, top, right, bottom));
            }
        }
        return List.copyOf(boxes);
    }

    private static int clamp(int value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }
}
