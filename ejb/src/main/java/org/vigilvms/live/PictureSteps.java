package org.vigilvms.live;

/**
 * How long a live picture is written to last, decided when it comes rather than when the next
 * one does: the longest step between the stream's recent pictures. A browser drops every picture
 * up to the next key picture after one that ends well before the next begins, so a duration
 * that is too short costs a second of video; one that is too long only overlaps the next picture,
 * which the browser shows in its turn. Before any step is seen, the stream's nominal one.
 */
final class PictureSteps {

    /** How many recent steps count: a third of a second at 25 fps. */
    static final int KEPT = 8;

    private final long nominal;
    private final long[] recent = new long[KEPT];
    private int seen;
    private long last = Long.MIN_VALUE;

    /** {@code nominal}: one picture's duration at the stream's frame rate, in its time base. */
    PictureSteps(long nominal) {
        this.nominal = Math.max(1, nominal);
    }

    /** Notes a picture decoded at {@code dts} and gives the duration to write it with (same time base). */
    long after(long dts) {
        if (last != Long.MIN_VALUE && dts > last) {
            recent[seen++ % KEPT] = dts - last;
        }
        last = dts;
        long longest = 0;
        for (int i = 0; i < Math.min(seen, KEPT); i++) {
            longest = Math.max(longest, recent[i]);
        }
        return longest > 0 ? longest : nominal;
    }
}
