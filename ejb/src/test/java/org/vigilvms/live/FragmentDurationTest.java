package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a one-sample fragment says how long its sample lasts, and setting it there. */
class FragmentDurationTest {

    @Test
    void theTrackRunsOwnEntryIsSetWhenTheRunHasOne() {
        // trun with a data offset, first-sample flags and per-sample duration and size
        byte[] fragment = fragment(tfhd(0x020000), trun(0x000305, 4, 0x02000000, 1, 777));
        FragmentDuration.set(fragment, 3600);
        assertEquals(3600, ByteBuffer.wrap(fragment).getInt(durationInTrun(fragment)));
        assertEquals(777, ByteBuffer.wrap(fragment).getInt(durationInTrun(fragment) + 4), "the size next to it stays");
    }

    @Test
    void elseTheFragmentsDefaultDuration() {
        // tfhd with a sample description index, a default duration and a default size; trun without durations
        byte[] fragment = fragment(tfhd(0x02001a, 1, 1, 777), trun(0x000201, 4, 777));
        byte[] before = fragment.clone();
        FragmentDuration.set(fragment, 1024);
        int tfhd = indexOf(fragment, "tfhd") - 4;
        assertEquals(1024, ByteBuffer.wrap(fragment).getInt(tfhd + 20), "after the track id and the description index");
        assertEquals(777, ByteBuffer.wrap(fragment).getInt(tfhd + 24));
        ByteBuffer.wrap(before).putInt(tfhd + 20, 1024);
        assertArrayEquals(before, fragment, "nothing else changed");
    }

    @Test
    void aFragmentWithNoPlaceForADurationIsRefusedNotGuessed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FragmentDuration.set(fragment(tfhd(0x020000), trun(0x000201, 4, 777)), 3600));
        assertEquals("the fragment takes its duration from the movie header", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FragmentDuration.set(fragment(tfhd(0x020008, 1)), 0));
        assertEquals("no track fragment", assertThrows(IllegalArgumentException.class,
                () -> FragmentDuration.set(box("mdat", new byte[4]), 5)).getMessage());
    }

    private static int durationInTrun(byte[] fragment) {
        return indexOf(fragment, "trun") - 4 + 16 + 4 + 4; // header, flags, count, data offset, first-sample flags
    }

    private static byte[] tfhd(int flags, int... fields) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * fields.length);
        b.putInt(flags).putInt(1); // version and flags, track id
        for (int f : fields) {
            b.putInt(f);
        }
        return box("tfhd", b.array());
    }

    private static byte[] trun(int flags, int... fields) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * fields.length);
        b.putInt(flags).putInt(1); // version and flags, one sample
        for (int f : fields) {
            b.putInt(f);
        }
        return box("trun", b.array());
    }

    private static byte[] fragment(byte[]... trafChildren) {
        ByteArrayOutputStream traf = new ByteArrayOutputStream();
        traf.writeBytes(box("tfdt", new byte[12]));
        for (byte[] child : trafChildren) {
            traf.writeBytes(child);
        }
        ByteArrayOutputStream moof = new ByteArrayOutputStream();
        moof.writeBytes(box("mfhd", new byte[8]));
        moof.writeBytes(box("traf", traf.toByteArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("moof", moof.toByteArray()));
        out.writeBytes(box("mdat", new byte[16]));
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body)
                .array();
    }

    private static int indexOf(byte[] bytes, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == t[0] && bytes[i + 1] == t[1] && bytes[i + 2] == t[2] && bytes[i + 3] == t[3]) {
                return i;
            }
        }
        return -1;
    }
}
