package org.vigilvms.testkit.camera;

/**
 * What a virtual camera burns into the top of every frame, as two rows of black/white luma
 * blocks: camera id, frame counter, capture wall-clock time and PTZ position, guarded by a magic
 * byte and a CRC-8. Any decoded frame (H.264 at a sane bitrate) gives it back, so tests can prove
 * frames are original, in order and complete, and benchmarks can measure glass-to-glass latency.
 *
 * <p>Layout: {@value #BITS} bits, MSB first: magic(8) camera(16) frame(32) time(48) pan(16)
 * tilt(16) zoom(16) crc8(8); {@value #BLOCKS_PER_ROW} blocks per row, block size width/80.
 */
public record FrameStamp(int cameraId, long frameCounter, long captureTimeMs, int pan, int tilt, int zoom) {

    static final int BITS = 160;
    static final int BLOCKS_PER_ROW = 80;
    static final int ROWS = 2;
    private static final int MAGIC = 0xB2;
    private static final int BLACK = 16;
    private static final int WHITE = 235;

    /** Height in pixels of the stamp stripe for a frame {@code width} wide. */
    public static int stripeHeight(int width) {
        return ROWS * blockSize(width);
    }

    static int blockSize(int width) {
        int size = width / BLOCKS_PER_ROW;
        if (size < 4) {
            throw new IllegalArgumentException("frame too narrow for a stamp: " + width + " px (at least 320)");
        }
        return size;
    }

    /** Draws the stamp into the luma plane {@code y} (row stride {@code stride}). */
    public void draw(byte[] y, int width, int stride) {
        boolean[] bits = toBits();
        int size = blockSize(width);
        for (int i = 0; i < BITS; i++) {
            byte value = (byte) (bits[i] ? WHITE : BLACK);
            int x0 = (i % BLOCKS_PER_ROW) * size;
            int y0 = (i / BLOCKS_PER_ROW) * size;
            for (int row = y0; row < y0 + size; row++) {
                int offset = row * stride + x0;
                for (int col = 0; col < size; col++) {
                    y[offset + col] = value;
                }
            }
        }
    }

    /**
     * Reads a stamp back from a decoded luma plane; null when there is none or it is damaged
     * (wrong magic or CRC).
     */
    public static FrameStamp read(byte[] y, int width, int stride) {
        int size = blockSize(width);
        boolean[] bits = new boolean[BITS];
        for (int i = 0; i < BITS; i++) {
            int x0 = (i % BLOCKS_PER_ROW) * size;
            int y0 = (i / BLOCKS_PER_ROW) * size;
            int sum = 0;
            int n = 0;
            // the block's centre: compression artefacts sit at the edges
            for (int row = y0 + size / 4; row < y0 + size - size / 4; row++) {
                for (int col = x0 + size / 4; col < x0 + size - size / 4; col++) {
                    sum += y[row * stride + col] & 0xff;
                    n++;
                }
            }
            bits[i] = sum / n > (BLACK + WHITE) / 2;
        }
        return fromBits(bits);
    }

    boolean[] toBits() {
        long[] fields = {MAGIC, cameraId, frameCounter, captureTimeMs, pan & 0xffff, tilt & 0xffff, zoom & 0xffff};
        int[] widths = {8, 16, 32, 48, 16, 16, 16};
        boolean[] bits = new boolean[BITS];
        int pos = 0;
        for (int f = 0; f < fields.length; f++) {
            pos = put(bits, pos, fields[f], widths[f]);
        }
        put(bits, pos, crc8(bits, pos), 8);
        return bits;
    }

    static FrameStamp fromBits(boolean[] bits) {
        int[] widths = {8, 16, 32, 48, 16, 16, 16};
        long[] fields = new long[widths.length];
        int pos = 0;
        for (int f = 0; f < widths.length; f++) {
            fields[f] = get(bits, pos, widths[f]);
            pos += widths[f];
        }
        if (fields[0] != MAGIC || get(bits, pos, 8) != crc8(bits, pos)) {
            return null;
        }
        return new FrameStamp((int) fields[1], fields[2], fields[3], (short) fields[4], (short) fields[5],
                (short) fields[6]);
    }

    private static int put(boolean[] bits, int pos, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bits[pos++] = ((value >>> i) & 1) == 1;
        }
        return pos;
    }

    private static long get(boolean[] bits, int pos, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 1) | (bits[pos + i] ? 1 : 0);
        }
        return value;
    }

    /** CRC-8 (polynomial 0x07) over the first {@code count} bits. */
    private static int crc8(boolean[] bits, int count) {
        int crc = 0;
        for (int i = 0; i < count; i++) {
            boolean top = (crc & 0x80) != 0;
            crc = (crc << 1) & 0xff;
            if (top ^ bits[i]) {
                crc ^= 0x07;
            }
        }
        return crc;
    }
}
