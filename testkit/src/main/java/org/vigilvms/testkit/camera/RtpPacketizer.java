package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6184 packetization of H.264 into RTP (RFC 3550) packets: single NAL unit packets when a
 * unit fits the payload size, FU-A fragments otherwise; the marker bit on the last packet of
 * each access unit. One instance per RTP session (sequence numbers and SSRC are its own).
 */
public final class RtpPacketizer {

    public static final int PAYLOAD_TYPE = 96;
    private static final int FU_A = 28;

    private final int maxPayload;
    private final int ssrc;
    private int sequence;

    public RtpPacketizer(int maxPayload, int ssrc, int firstSequence) {
        this.maxPayload = maxPayload;
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xffff;
    }

    public int nextSequence() {
        return sequence;
    }

    /** The RTP packets of one access unit at RTP time {@code timestamp} (90 kHz). */
    public List<byte[]> packetize(List<byte[]> nalUnits, long timestamp) {
        List<byte[]> packets = new ArrayList<>();
        for (int n = 0; n < nalUnits.size(); n++) {
            byte[] nal = nalUnits.get(n);
            boolean lastUnit = n == nalUnits.size() - 1;
            if (nal.length <= maxPayload) {
                byte[] packet = header(lastUnit, timestamp, nal.length);
                System.arraycopy(nal, 0, packet, 12, nal.length);
                packets.add(packet);
                continue;
            }
            int indicator = (nal[0] & 0xe0) | FU_A;
            int type = nal[0] & 0x1f;
            int offset = 1;
            while (offset < nal.length) {
                int chunk = Math.min(maxPayload - 2, nal.length - offset);
                boolean first = offset == 1;
                boolean last = offset + chunk == nal.length;
                byte[] packet = header(lastUnit && last, timestamp, chunk + 2);
                packet[12] = (byte) indicator;
                packet[13] = (byte) ((first ? 0x80 : 0) | (last ? 0x40 : 0) | type);
                System.arraycopy(nal, offset, packet, 14, chunk);
                packets.add(packet);
                offset += chunk;
            }
        }
        return packets;
    }

    private byte[] header(boolean marker, long timestamp, int payloadLength) {
        byte[] packet = new byte[12 + payloadLength];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | PAYLOAD_TYPE);
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        sequence = (sequence + 1) & 0xffff;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        return packet;
    }
}
