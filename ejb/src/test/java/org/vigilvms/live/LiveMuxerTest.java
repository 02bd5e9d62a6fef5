package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.vigilvms.video.TestSegments;

/**
 * The live stream's muxer: each packet leaves as a fragment as soon as it is written (a live
 * picture is never held back for the next one), at the time the camera gave it, with the sound
 * on the same clock; and the codec strings browsers get (Media Source Extensions refuse a wrong one).
 */
class LiveMuxerTest {

    /** A viewer that keeps what it is sent. */
    private static final class Keeping implements LiveHub.Viewer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int fragments;

        @Override
        public void start(String codec, byte[] init) {
            bytes.writeBytes(init);
        }

        @Override
        public void fragment(byte[] fragment, boolean key) {
            bytes.writeBytes(fragment);
            fragments++;
        }
    }

    /** A packet's kind and time in microseconds (time bases differ between a file and the live stream). */
    private record Timed(int type, long micros) {
        Timed(int type, long ticks, AVRational timeBase) {
            this(type, Math.round(ticks * av_q2d(timeBase) * 1e6));
        }
    }

    @Test
    void everyPacketLeavesAsItIsWrittenAtItsOwnTimeWithTheSoundOnTheSameClock() throws Exception {
        Keeping viewer = new Keeping();
        List<Timed> sent = mux(TestSegments.recorded(true), viewer, -1, false);
        assertEquals(TestSegments.FRAMES, sent.stream().filter(t -> t.type() == AVMEDIA_TYPE_VIDEO).count());
        assertTrue(sent.stream().anyMatch(t -> t.type() == AVMEDIA_TYPE_AUDIO), "the sound went along");
        assertEquals(sent, times(viewer.bytes.toByteArray()), "what the viewer plays is what was sent, when it was sent");
        assertEquals(TestSegments.FRAMES, TestSegments.pictures(viewer.bytes.toByteArray()).size(), "every picture decodes, the last too");
    }

    @Test
    void opusSoundGoesLiveOnTheSameClockToo() throws Exception {
        // what the recorder encodes for live listeners when the camera sends G.711
        Keeping viewer = new Keeping();
        List<Timed> sent = mux(TestSegments.recorded("libopus"), viewer, -1, false);
        assertTrue(sent.stream().filter(t -> t.type() == AVMEDIA_TYPE_AUDIO).count() > 50, "the sound went along: " + sent.size());
        assertEquals(sent, times(viewer.bytes.toByteArray()));
    }

    @Test
    void aPictureAfterALostOneIsShownWhenTheCameraTookItNotOneStepAfterTheLast() throws Exception {
        Keeping viewer = new Keeping();
        List<Timed> sent = mux(TestSegments.recorded(false), viewer, 30, false);
        List<Timed> received = times(viewer.bytes.toByteArray());
        assertEquals(sent, received);
        assertEquals(80_000, received.get(30).micros() - received.get(29).micros(), "the gap of the lost picture stays");
    }

    @Test
    void aPictureThatSaysItLastsATickLastsUntilTheNextComes() throws Exception {
        // a camera's demuxer guesses a picture's duration from a frame rate it estimated; a browser
        // drops every picture up to the next key picture after one that ends before the next begins
        Keeping viewer = new Keeping();
        mux(TestSegments.recorded(false), viewer, -1, true);
        List<double[]> pictures = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(viewer.bytes.toByteArray()))) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                double tick = av_q2d(grabber.getFormatContext().streams(packet.stream_index()).time_base());
                pictures.add(new double[] {packet.dts() * tick, packet.duration() * tick});
                av_packet_unref(packet);
            }
        }
        assertEquals(TestSegments.FRAMES, pictures.size());
        for (int i = 0; i + 1 < pictures.size(); i++) {
            assertTrue(pictures.get(i)[0] + pictures.get(i)[1] >= pictures.get(i + 1)[0] - 1e-9,
                    "picture " + i + " at " + pictures.get(i)[0] + " s lasts " + pictures.get(i)[1] + " s; the next is at "
                            + pictures.get(i + 1)[0] + " s");
        }
    }

    /**
     * Writes the segment's packets (the picture numbered {@code lost} left out, as if lost on the
     * way; with {@code tickLong}, each picture's packet saying it lasts one tick) through a live
     * muxer the viewer watches; checks after each that its fragment is out.
     */
    private static List<Timed> mux(byte[] recorded, Keeping viewer, int lost, boolean tickLong) throws Exception {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        List<Timed> sent = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(recorded))) {
            grabber.start();
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            AVStream audio = grabber.getAudioStream() >= 0 ? grabber.getFormatContext().streams(grabber.getAudioStream()) : null;
            LiveStream live = audio != null ? LiveStream.withSound(7) : LiveStream.pictures(7);
            hub.join(live, viewer);
            try (LiveMuxer muxer = LiveMuxer.open(live, video, audio != null ? audio.codecpar() : null,
                    audio != null ? audio.time_base() : null, hub)) {
                AVPacket packet;
                int picture = 0;
                while ((packet = grabber.grabPacket()) != null) {
                    int before = viewer.fragments;
                    if (packet.stream_index() == video.index() && picture++ != lost) {
                        if (tickLong) {
                            packet.duration(1);
                        }
                        muxer.write(packet, packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0, video.time_base());
                        sent.add(new Timed(AVMEDIA_TYPE_VIDEO, packet.pts(), video.time_base()));
                        assertEquals(before + 1, viewer.fragments, "picture " + (picture - 1) + " is out as soon as it is written");
                    } else if (audio != null && packet.stream_index() == audio.index()) {
                        muxer.writeSound(packet, packet.pts(), audio.time_base());
                        sent.add(new Timed(AVMEDIA_TYPE_AUDIO, packet.pts(), audio.time_base()));
                        assertEquals(before + 1, viewer.fragments, "sound at " + packet.pts() + " is out as soon as it is written");
                    }
                    av_packet_unref(packet);
                }
            }
        }
        return sent;
    }

    /** The packets of a live stream in the order they came, each with its time as a player reads it. */
    private static List<Timed> times(byte[] live) throws Exception {
        List<Timed> times = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(live))) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                AVStream stream = grabber.getFormatContext().streams(packet.stream_index());
                times.add(new Timed(stream.codecpar().codec_type(), packet.pts(), stream.time_base()));
                av_packet_unref(packet);
            }
        }
        return times;
    }

    @Test
    void theSoundsCodecStringNamesItsAudioObjectType() {
        assertEquals("mp4a.40.2", soundCodec(new byte[] {0x12, 0x10}, 1), "AAC-LC, 44.1 kHz mono");
        assertEquals("mp4a.40.2", soundCodec(new byte[] {0x14, 0x08}, 1), "AAC-LC, 16 kHz mono, as the recorder re-encodes G.711");
        assertEquals("mp4a.40.5", soundCodec(new byte[] {0x2b, (byte) 0x92, 0x08, 0x00}, 4), "HE-AAC: the config's object type wins");
        assertEquals("mp4a.40.2", soundCodec(new byte[0], 1), "no config: from the profile (FF_PROFILE_AAC_LOW)");
        assertEquals("mp4a.40.2", soundCodec(new byte[0], -99), "unknown: AAC-LC, what cameras send");
        AVCodecParameters opus = avcodec_parameters_alloc();
        try {
            opus.codec_id(AV_CODEC_ID_OPUS);
            assertEquals("opus", LiveMuxer.soundCodecString(opus), "the live listeners' sound when the camera sends G.711");
        } finally {
            avcodec_parameters_free(opus);
        }
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
