package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6184 packetization of H.264 and RFC 7798 packetization of H.265 into RTP (RFC 3550)
 * packets: single NAL unit packets when a unit fits the payload size, fragmentation units (FU-A,
 * FU) otherwise; the marker bit on the last packet of
 * each access unit. AAC goes as RFC 3640 AAC-hbr, one access unit per packet; G.711 as RFC 3551
 * PCMU. One instance per RTP session (payload type, sequence numbers and SSRC are its own); RTCP
 * sender reports for it.
 */
public final class RtpPacketizer {

    public static final int PAYLOAD_TYPE = 96;
    public static final int AAC_PAYLOAD_TYPE = 97;
    /** G.711 mu-law, static payload type of RFC 3551. */
    public static final int PCMU_PAYLOAD_TYPE = 0;
    /** Seconds from the NTP epoch (1900) to the Unix epoch. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    private static final int FU_A = 28;
    /** The payload type of an H.265 fragmentation unit (RFC 7798 section 4.4.3). */
    private static final int FU_H265 = 49;

    private final int maxPayload;
    private final int ssrc;
    private final int payloadType;
    private int sequence;
    private long packets;
    private long octets;

    public RtpPacketizer(int maxPayload, int ssrc, int firstSequence) {
        this(PAYLOAD_TYPE, maxPayload, ssrc, firstSequence);
    }

    public RtpPacketizer(int payloadType, int maxPayload, int ssrc, int firstSequence) {
        this.payloadType = payloadType;
        this.maxPayload = maxPayload;
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xffff;
    }

    public int nextSequence() {
        return sequence;
    }

    /** The RTP packets of one H.264 access unit at RTP time {@code timestamp} (90 kHz). */
    public List<byte[]> packetize(List<byte[]> nalUnits, long timestamp) {
        return packetize(nalUnits, timestamp, VideoCodec.H264);
    }

    /** The RTP packets of one access unit of {@code codec} at RTP time {@code timestamp} (90 kHz). */
    public List<byte[]> packetize(List<byte[]> nalUnits, long timestamp, VideoCodec codec) {
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
            // the fragments' header: H.264 one indicator byte, H.265 the unit's two header bytes with type 49
            byte[] head = codec == VideoCodec.H264 ? new byte[] {(byte) ((nal[0] & 0xe0) | FU_A)}
                    : new byte[] {(byte) ((nal[0] & 0x81) | (FU_H265 << 1)), nal[1]};
            int type = codec.nalType(nal);
            int offset = codec.nalHeaderLength();
            int prefix = head.length + 1;
            while (offset < nal.length) {
                int chunk = Math.min(maxPayload - prefix, nal.length - offset);
                boolean first = offset == codec.nalHeaderLength();
                boolean last = offset + chunk == nal.length;
                byte[] packet = header(lastUnit && last, timestamp, chunk + prefix);
                System.arraycopy(head, 0, packet, 12, head.length);
                packet[12 + head.length] = (byte) ((first ? 0x80 : 0) | (last ? 0x40 : 0) | type);
                System.arraycopy(nal, offset, packet, 12 + prefix, chunk);
                packets.add(packet);
                offset += chunk;
            }
        }
        return packets;
    }

    /** One AAC access unit at RTP time {@code timestamp} (the sample clock): AU-headers-length, one AU-header (13-bit size, index 0), the unit. */
    public byte[] packetizeAac(byte[] unit, long timestamp) {
        byte[] packet = header(true, timestamp, 4 + unit.length);
        packet[12] = 0;
        packet[13] = 16; // one 16-bit AU-header
        packet[14] = (byte) (unit.length >> 5);
        packet[15] = (byte) ((unit.length & 0x1f) << 3);
        System.arraycopy(unit, 0, packet, 16, unit.length);
        return packet;
    }

    /** One packet of G.711 samples at RTP time {@code timestamp} (the sample clock). */
    public byte[] packetizePcmu(byte[] samples, long timestamp) {
        byte[] packet = header(false, timestamp, samples.length);
        System.arraycopy(samples, 0, packet, 12, samples.length);
        return packet;
    }

    /** An RTCP sender report: wall-clock time {@code wallMs} is RTP time {@code timestamp} of this stream. */
    public byte[] senderReport(long wallMs, long timestamp) {
        long seconds = wallMs / 1000 + NTP_UNIX_OFFSET;
        long fraction = ((wallMs % 1000) << 32) / 1000;
        byte[] report = new byte[28];
        report[0] = (byte) 0x80;
        report[1] = (byte) 200;
        report[3] = 6; // length in 32-bit words minus one
        putInt(report, 4, ssrc);
        putInt(report, 8, (int) seconds);
        putInt(report, 12, (int) fraction);
        putInt(report, 16, (int) timestamp);
        putInt(report, 20, (int) packets);
        putInt(report, 24, (int) octets);
        return report;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private byte[] header(boolean marker, long timestamp, int payloadLength) {
        packets++;
        octets += payloadLength;
        byte[] packet = new byte[12 + payloadLength];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
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
