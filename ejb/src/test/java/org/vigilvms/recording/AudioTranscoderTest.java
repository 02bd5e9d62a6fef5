package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * G.711 in, AAC out for the segments and Opus for live listeners, with FFmpeg for real:
 * timestamps stay on the camera's clock, gaps stay gaps, live sound is not held back.
 */
class AudioTranscoderTest {

    private static final int RATE = 8000;
    private static final int PACKET = 160; // 20 ms

    private AVFormatContext context;
    private AVStream stream;
    private AudioTranscoder transcoder;

    @BeforeEach
    void open() {
        context = avformat_alloc_context();
        stream = avformat_new_stream(context, null);
        stream.codecpar().codec_type(AVMEDIA_TYPE_AUDIO);
        stream.codecpar().codec_id(AV_CODEC_ID_PCM_MULAW);
        stream.codecpar().sample_rate(RATE);
        av_channel_layout_default(stream.codecpar().ch_layout(), 1);
        stream.time_base(av_make_q(1, RATE));
        assertTrue(AudioTranscoder.canTranscode(stream.codecpar()));
        transcoder = AudioTranscoder.open(stream);
    }

    @AfterEach
    void close() {
        transcoder.close();
        avformat_free_context(context);
    }

    @Test
    void twoSecondsOfMuLawBecomeTwoSecondsOfAacOnTheSameClock() {
        assertEquals(AV_CODEC_ID_AAC, transcoder.parameters().codec_id());
        assertTrue(transcoder.parameters().extradata_size() > 0, "AudioSpecificConfig for the MP4 header");
        List<Long> pts = feed(1_000_000, 100); // starts at 125 s on the camera's clock
        // 2 s at 16 kHz = 31.25 frames of 1024: 31 out, minus what the encoder still holds
        assertTrue(pts.size() >= 28 && pts.size() <= 31, pts.size() + " AAC frames");
        for (int i = 1; i < pts.size(); i++) {
            assertEquals(1024, pts.get(i) - pts.get(i - 1), "one AAC frame after the other");
        }
        long start = 1_000_000L * AudioTranscoder.SAMPLE_RATE / RATE; // the first sample's time, in 1/16000 s
        assertTrue(Math.abs(pts.get(0) - start) <= 1024, "first frame at the camera's time (within the priming frame): "
                + pts.get(0) + " vs " + start);
    }

    @Test
    void liveSoundLeavesInTenMillisecondFramesEachAsSoonAsItIsFull() {
        try (AudioTranscoder live = AudioTranscoder.open(stream, AudioTranscoder.Target.LIVE)) {
            assertEquals(AV_CODEC_ID_OPUS, live.parameters().codec_id());
            assertTrue(live.parameters().extradata_size() >= 19, "OpusHead for the MP4 header");
            List<Long> pts = new ArrayList<>();
            for (int n = 0; n < 50; n++) { // 1 s in packets of 20 ms
                pts.addAll(feed(live, 1_000_000 + (long) n * PACKET, 1));
                assertTrue(pts.size() >= 2 * (n + 1) - 1, "after " + 20 * (n + 1) + " ms of sound " + pts.size()
                        + " frames of 10 ms are out: at most one is held back");
            }
            int rate = AudioTranscoder.Target.LIVE.sampleRate;
            assertEquals(48_000, live.parameters().sample_rate(), "what browsers take for Opus in MP4");
            for (int i = 1; i < pts.size(); i++) {
                assertEquals(rate / 100, pts.get(i) - pts.get(i - 1), "one 10 ms frame after the other");
            }
            long start = 1_000_000L * rate / RATE;
            assertTrue(Math.abs(pts.get(0) - start) <= rate / 100,
                    "the first frame at the camera's time: " + pts.get(0) + " vs " + start);
        }
    }

    @Test
    void drainingAtTheEndKeepsTheLastSamples() {
        List<Long> pts = feed(0, 50); // 1 s = 16000 samples at 16 kHz: 15 whole frames and a rest
        List<AVPacket> tail = transcoder.drain();
        try {
            assertTrue(!tail.isEmpty(), "what the fifo and the encoder held");
            long end = tail.get(tail.size() - 1).pts() + tail.get(tail.size() - 1).duration();
            assertTrue(Math.abs(end - AudioTranscoder.SAMPLE_RATE) <= 1024 + 64,
                    "the sound ends where the camera's did: " + end + " (frames before: " + pts.size() + ")");
        } finally {
            AudioTranscoder.release(tail);
        }
    }

    @Test
    void aGapInTheCamerasSoundStaysAGap() {
        List<Long> before = feed(0, 50); // 1 s
        List<Long> after = feed(RATE * 11L, 50); // 1 s, 10 s later
        assertTrue(!before.isEmpty() && !after.isEmpty());
        long jump = after.get(after.size() - 1) - before.get(before.size() - 1);
        assertTrue(Math.abs(jump - 11L * AudioTranscoder.SAMPLE_RATE) < 2 * 1024, "the frames after the gap are 10 s later: " + jump);
    }

    /** {@code packets} packets of a 440 Hz tone from RTP time {@code from}; returns the AAC packets' pts. */
    private List<Long> feed(long from, int packets) {
        return feed(transcoder, from, packets);
    }

    /** The same through the given transcoder; returns the encoded packets' pts. */
    private static List<Long> feed(AudioTranscoder through, long from, int packets) {
        List<Long> pts = new ArrayList<>();
        AVPacket packet = av_packet_alloc();
        try {
            for (int n = 0; n < packets; n++) {
                av_new_packet(packet, PACKET);
                byte[] samples = new byte[PACKET];
                for (int i = 0; i < PACKET; i++) {
                    samples[i] = (byte) (0x55 ^ (Math.sin(2 * Math.PI * 440 * (n * PACKET + i) / RATE) > 0 ? 0x80 : 0x00));
                }
                packet.data().put(samples);
                packet.pts(from + (long) n * PACKET);
                packet.dts(packet.pts());
                List<AVPacket> out = through.transcode(packet);
                for (AVPacket encoded : out) {
                    assertTrue(encoded.size() > 0);
                    pts.add(encoded.pts());
                }
                AudioTranscoder.release(out);
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
        return pts;
    }
}
