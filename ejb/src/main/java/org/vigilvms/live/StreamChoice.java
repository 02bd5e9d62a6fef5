package org.vigilvms.live;

/**
 * Which of a camera's streams a live tile gets: the smallest whose pictures are at least as wide
 * as the tile (in device pixels), so that the browser decodes no more than it shows; the main
 * stream when none is that wide, when the tile's width is not known (a page that shows the camera
 * alone), or when the camera's sub-stream is not running. Widths of 0 are unknown.
 */
public final class StreamChoice {

    private StreamChoice() {
    }

    /**
     * @param tileWidth     the tile's width in device pixels; 0: not known, the main stream
     * @param mainWidth     the main stream's picture width as it last came; 0: not known
     * @param subWidth      the sub-stream's picture width while it runs; 0: not running
     */
    public static boolean sub(int tileWidth, int mainWidth, int subWidth) {
        if (tileWidth <= 0 || subWidth <= 0) {
            return false;
        }
        if (mainWidth > 0 && mainWidth <= subWidth) {
            return false; // a "sub-stream" no smaller than the main one saves nothing
        }
        return subWidth >= tileWidth;
    }
}
