package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

/** The codec strings browsers get for the live stream (Media Source Extensions refuse a wrong one). */
class LiveMuxerTest {

    @Test
    void theSoundsCodecStringNamesItsAudioObjectType() {
        assertEquals("mp4a.40.2", soundCodec(new byte[] {0x12, 0x10}, 1), "AAC-LC, 44.1 kHz mono");
        assertEquals("mp4a.40.2", soundCodec(new byte[] {0x14, 0x08}, 1), "AAC-LC, 16 kHz mono, as the recorder re-encodes G.711");
        assertEquals("mp4a.40.5", soundCodec(new byte[] {0x2b, (byte) 0x92, 0x08, 0x00}, 4), "HE-AAC: the config's object type wins");
        assertEquals("mp4a.40.2", soundCodec(new byte[0], 1), "no config: from the profile (FF_PROFILE_AAC_LOW)");
        assertEquals("mp4a.40.2", soundCodec(new byte[0], -99), "unknown: AAC-LC, what cameras send");
    }

    private static String soundCodec(byte[] config, int profile) {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            parameters.codec_id(AV_CODEC_ID_AAC);
            parameters.profile(profile);
            if (config.length > 0) {
                BytePointer extradata = new BytePointer(av_malloc(config.length + 64)).capacity(config.length + 64);
                extradata.put(config);
                parameters.extradata(extradata);
                parameters.extradata_size(config.length);
            }
            return LiveMuxer.soundCodecString(parameters);
        } finally {
            avcodec_parameters_free(parameters);
        }
    }
}
