package org.vigilvms.live;

import java.nio.ByteBuffer;

/**
 * Sets how long the one sample of a live fragment (moof+mdat, ISO/IEC 14496-12) lasts, in its
 * track's time base: in the track run's entry when the run gives one, else as the fragment's
 * default duration. The live muxer writes each sample one tick long, since FFmpeg moves a sample
 * that starts before the previous one ends, and sets the real duration afterwards.
 */
final class FragmentDuration {

    private static final int TFHD_BASE_DATA_OFFSET = 0x01;
    private static final int TFHD_SAMPLE_DESCRIPTION = 0x02;
    private static final int TFHD_DEFAULT_DURATION = 0x08;
    private static final int TRUN_DATA_OFFSET = 0x01;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x04;
    private static final int TRUN_SAMPLE_DURATION = 0x100;

    private FragmentDuration() {
    }

    /** Sets the duration in place; {@link IllegalArgumentException} when the fragment has no place for one. */
    static void set(byte[] fragment, long duration) {
        if (duration <= 0 || duration > 0xffffffffL) {
            throw new IllegalArgumentException("a sample lasts 1 to 2^32-1 ticks, not " + duration);
        }
        ByteBuffer bytes = ByteBuffer.wrap(fragment);
        int moof = find(bytes, 0, fragment.length, "moof");
        int traf = moof < 0 ? -1 : find(bytes, moof + 8, moof + bytes.getInt(moof), "traf");
        if (traf < 0) {
            throw new IllegalArgumentException("no track fragment");
        }
        int end = traf + bytes.getInt(traf);
        int trun = find(bytes, traf + 8, end, "trun");
        if (trun >= 0 && (bytes.getInt(trun + 8) & TRUN_SAMPLE_DURATION) != 0) {
            int flags = bytes.getInt(trun + 8);
            int at = trun + 16 + ((flags & TRUN_DATA_OFFSET) != 0 ? 4 : 0) + ((flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? 4 : 0);
            bytes.putInt(at, (int) duration);
            return;
        }
        int tfhd = find(bytes, traf + 8, end, "tfhd");
        int flags = tfhd < 0 ? 0 : bytes.getInt(tfhd + 8);
        if ((flags & TFHD_DEFAULT_DURATION) == 0) {
            throw new IllegalArgumentException("the fragment takes its duration from the movie header");
        }
        int at = tfhd + 16 + ((flags & TFHD_BASE_DATA_OFFSET) != 0 ? 8 : 0) + ((flags & TFHD_SAMPLE_DESCRIPTION) != 0 ? 4 : 0);
        bytes.putInt(at, (int) duration);
    }

    /** The position of the first box of this type between from and to (boxes side by side), or -1. */
    private static int find(ByteBuffer bytes, int from, int to, String type) {
        int at = from;
        while (at + 8 <= to) {
            int size = bytes.getInt(at);
            if (bytes.get(at + 4) == type.charAt(0) && bytes.get(at + 5) == type.charAt(1) && bytes.get(at + 6) == type.charAt(2)
                    && bytes.get(at + 7) == type.charAt(3)) {
                return at;
            }
            if (size < 8) {
                return -1;
            }
            at += size;
        }
        return -1;
    }
}
