package org.vigilvms.testkit.camera;

/**
 * What a virtual camera's video is encoded in. H.264 is encoded live for every picture (or
 * replayed from a loop in benchmark mode); H.265 is always a replayed loop ({@link EncodedLoop}),
 * encoded once by Debian's {@code ffmpeg} with libx265, since the FFmpeg inside the JVM has no
 * H.265 encoder.
 */
public enum VideoCodec {
    H264("H264"),
    H265("H265");

    private final String rtpName;

    VideoCodec(String rtpName) {
        this.rtpName = rtpName;
    }

    /** The encoding name in the SDP's rtpmap (RFC 6184, RFC 7798) and in ONVIF's profiles. */
    public String rtpName() {
        return rtpName;
    }

    /** The type of a NAL unit (without start code). */
    public int nalType(byte[] nal) {
        return this == H264 ? nal[0] & 0x1f : (nal[0] >> 1) & 0x3f;
    }

    /** Whether a picture with this NAL unit starts a GOP: an IDR picture (H.264), an IRAP picture (H.265). */
    public boolean startsGop(byte[] nal) {
        int type = nalType(nal);
        return this == H264 ? type == NalUnits.TYPE_IDR : type >= 16 && type <= 23;
    }

    /** Whether the NAL unit is a slice of a picture (what the corrupting fault flips bytes in). */
    public boolean isSlice(byte[] nal) {
        int type = nalType(nal);
        return this == H264 ? type == 1 || type == NalUnits.TYPE_IDR : type <= 21;
    }

    /** Length of the NAL unit header: one byte (H.264), two (H.265). */
    public int nalHeaderLength() {
        return this == H264 ? 1 : 2;
    }
}
