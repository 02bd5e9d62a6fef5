package org.vigilvms.testkit.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketizerTest {

    @Test
    void smallUnitsGoAloneAndTheLastPacketOfTheFrameIsMarked() {
        RtpPacketizer packetizer = new RtpPacketizer(1400, 0x11223344, 65535);
        List<byte[]> packets = packetizer.packetize(List.of(new byte[] {0x67, 1, 2}, new byte[] {0x68, 3}), 90_000);
        assertEquals(2, packets.size());
        assertEquals(0, packets.get(0)[1] & 0x80, "no marker before the end of the access unit");
        assertEquals(0x80, packets.get(1)[1] & 0x80);
        assertEquals(0xffff, ((packets.get(0)[2] & 0xff) << 8) | (packets.get(0)[3] & 0xff));
        assertEquals(0, ((packets.get(1)[2] & 0xff) << 8) | (packets.get(1)[3] & 0xff), "sequence wraps");
        assertEquals(0x67, packets.get(0)[12]);
    }

    @Test
    void largeUnitsAreFragmentedAsFuAAndReassembleExactly() {
        byte[] nal = new byte[4000];
        nal[0] = 0x65; // IDR, nal_ref_idc 3
        for (int i = 1; i < nal.length; i++) {
            nal[i] = (byte) (i * 7);
        }
        List<byte[]> packets = new RtpPacketizer(1400, 1, 0).packetize(List.of(nal), 0);
        assertTrue(packets.size() >= 3);
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        reassembled.write((packets.get(0)[12] & 0xe0) | (packets.get(0)[13] & 0x1f));
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            assertEquals(28, p[12] & 0x1f, "FU-A");
            assertEquals(i == 0, (p[13] & 0x80) != 0, "start bit");
            assertEquals(i == packets.size() - 1, (p[13] & 0x40) != 0, "end bit");
            assertEquals(i == packets.size() - 1, (p[1] & 0x80) != 0, "marker");
            reassembled.write(p, 14, p.length - 14);
            assertTrue(p.length <= 12 + 1400);
        }
        assertArrayEquals(nal, reassembled.toByteArray());
    }
}
