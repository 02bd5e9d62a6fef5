package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark mode, and every H.265 camera: a few seconds of video encoded once and replayed by any
 * number of cameras, so serving dozens of 1080p streams costs packetization and sockets, not
 * encoding. The replayed pictures carry the stamps of the loop (camera 0, counters 0..n-1), so
 * tests that read stamps use live (H.264) cameras; frame counters and capture times of the RTP
 * stream stay right. The loop is a whole number of GOPs, so it restarts at a key picture.
 */
public final class EncodedLoop {

    record Entry(List<byte[]> nalUnits, boolean keyframe) {
    }

    private final VideoCodec codec;
    private final List<Entry> entries;
    /** H.264: SPS, PPS; H.265: VPS, SPS, PPS. */
    private final List<byte[]> parameterSets;

    private EncodedLoop(VideoCodec codec, List<Entry> entries, List<byte[]> parameterSets) {
        this.codec = codec;
        this.entries = entries;
        this.parameterSets = parameterSets;
    }

    public static EncodedLoop encode(CameraConfig config, int seconds) {
        return encode(config, seconds, VideoCodec.H264);
    }

    public static EncodedLoop encode(CameraConfig config, int seconds, VideoCodec codec) {
        return encode(codec, config.width(), config.height(), config.fps(), config.bitrate(), config.gop(), seconds);
    }

    /** The loop of the sub-stream of cameras of this configuration ({@link CameraProfile#sub}). */
    public static EncodedLoop encodeSub(CameraConfig config, int seconds) {
        return encodeSub(config, seconds, VideoCodec.H264);
    }

    public static EncodedLoop encodeSub(CameraConfig config, int seconds, VideoCodec codec) {
        return encode(codec, CameraProfile.subWidth(config), CameraProfile.subHeight(config), config.fps(),
                CameraProfile.subBitrate(config), config.gop(), seconds);
    }

    private static EncodedLoop encode(VideoCodec codec, int width, int height, int fps, int bitrate, int gop, int seconds) {
        int frames = (Math.max(1, seconds) * fps + gop - 1) / gop * gop;
        SyntheticScene scene = new SyntheticScene(width, height);
        List<byte[]> pictures = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            pictures.add(scene.render(new FrameStamp(0, i, 0, 0, 0, 0), false).clone());
        }
        List<List<byte[]>> units = new ArrayList<>(frames);
        List<byte[]> parameterSets;
        if (codec == VideoCodec.H264) {
            try (H264Encoder encoder = new H264Encoder(width, height, fps, bitrate, gop)) {
                for (int i = 0; i < frames; i++) {
                    units.add(encoder.encode(pictures.get(i), i == 0));
                }
                parameterSets = List.of(encoder.sps(), encoder.pps());
            }
        } else {
            units = X265Loop.encode(pictures, width, height, fps, bitrate, gop);
            parameterSets = List.of(first(units, X265Loop.VPS), first(units, X265Loop.SPS), first(units, X265Loop.PPS));
        }
        List<Entry> entries = new ArrayList<>(units.size());
        for (List<byte[]> nals : units) {
            entries.add(new Entry(List.copyOf(nals), nals.stream().anyMatch(codec::startsGop)));
        }
        return new EncodedLoop(codec, List.copyOf(entries), parameterSets);
    }

    private static byte[] first(List<List<byte[]>> units, int type) {
        for (List<byte[]> unit : units) {
            for (byte[] nal : unit) {
                if (VideoCodec.H265.nalType(nal) == type) {
                    return nal;
                }
            }
        }
        throw new IllegalStateException("the H.265 stream has no NAL unit of type " + type);
    }

    Entry frame(long counter) {
        return entries.get((int) (counter % entries.size()));
    }

    VideoCodec codec() {
        return codec;
    }

    /** H.264: SPS, PPS; H.265: VPS, SPS, PPS. */
    List<byte[]> parameterSets() {
        return parameterSets;
    }
}
