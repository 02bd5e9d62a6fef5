package org.vigilvms.testkit.camera;

import java.util.Arrays;

/**
 * Renders the picture of a virtual camera into an I420 (YUV 4:2:0 planar) buffer: a textured
 * landscape that shifts with pan and tilt and scales with zoom, a moving bar so motion is
 * visible, light sensor noise, and the {@link FrameStamp} on top. Pure arithmetic on byte arrays, cheap enough for
 * dozens of cameras.
 */
public final class SyntheticScene {

    private final int width;
    private final int height;
    private final byte[] frame;
    private final int stripe;

    public SyntheticScene(int width, int height) {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be even: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.frame = new byte[width * height * 3 / 2];
        this.stripe = FrameStamp.stripeHeight(width);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Renders one frame and returns the I420 buffer (reused between calls). */
    public byte[] render(FrameStamp stamp, boolean covered) {
        return render(stamp, covered, null);
    }

    /** As {@link #render(FrameStamp, boolean)}, with what {@code scene} puts in front of the camera. */
    public byte[] render(FrameStamp stamp, boolean covered, SceneControl scene) {
        if (covered) {
            Arrays.fill(frame, 0, width * height, (byte) 20);
        } else {
            drawLandscape(stamp, scene != null && scene.still);
            double[] intruder = scene == null ? null : scene.intruder();
            if (intruder != null) {
                drawIntruder(stamp, intruder);
            }
        }
        Arrays.fill(frame, width * height, frame.length, (byte) 128);
        stamp.draw(frame, width, width);
        return frame;
    }

    /** A block of a third of the rectangle, bouncing inside it, in alternating black and white. */
    private void drawIntruder(FrameStamp stamp, double[] r) {
        int x0 = (int) (r[0] * width);
        int y0 = Math.max(stripe, (int) (r[1] * height));
        int w = Math.max(6, (int) (r[2] * width));
        int h = Math.max(6, (int) (r[3] * height));
        int bw = Math.max(4, w / 3);
        int bh = Math.max(4, h / 3);
        long t = stamp.frameCounter();
        int spanX = Math.max(1, w - bw);
        int spanY = Math.max(1, h - bh);
        int bx = x0 + (int) Math.abs((t * 5) % (2L * spanX) - spanX);
        int by = y0 + (int) Math.abs((t * 3) % (2L * spanY) - spanY);
        for (int row = by; row < Math.min(height, by + bh); row++) {
            for (int col = bx; col < Math.min(width, bx + bw); col++) {
                frame[row * width + col] = (byte) ((((row - by) >> 3) + ((col - bx) >> 3)) % 2 == 0 ? 250 : 5);
            }
        }
    }

    private void drawLandscape(FrameStamp stamp, boolean still) {
        // PTZ: pan/tilt shift the scene by up to a frame, zoom (0..1000) magnifies up to 4x
        double scale = 1.0 + 3.0 * Math.max(0, Math.min(1000, stamp.zoom())) / 1000.0;
        int shiftX = stamp.pan() * width / 1000;
        int shiftY = stamp.tilt() * height / 1000;
        int bar = (int) ((stamp.frameCounter() * 4) % width);
        // sensor-like noise, different every frame, so the encoder has real work at its bitrate
        int noise = (int) (stamp.frameCounter() * 0x9E3779B9L);
        for (int row = stripe; row < height; row++) {
            int sy = (int) ((row - height / 2) / scale) + shiftY + 4096;
            int offset = row * width;
            for (int col = 0; col < width; col++) {
                int sx = (int) ((col - width / 2) / scale) + shiftX + 4096;
                int checker = (((sx >> 5) ^ (sy >> 5)) & 1) == 0 ? 70 : 150;
                int shade = checker + ((sx + sy) & 31);
                if (!still && Math.abs(col - bar) < 6) {
                    shade = 230;
                }
                noise = noise * 1103515245 + 12345;
                shade += (noise >>> 28) - 8;
                frame[offset + col] = (byte) shade;
            }
        }
    }
}
