package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.vigilvms.video.TestSegments;

/**
 * The live feed's sound when the recorder encodes it for listeners only (Opus from a camera's
 * G.711): it is listened to only while the stream with sound is wanted, and a listener who comes
 * while the sound was only noted as coming still gets a stream with a sound track.
 */
class LiveFeedTest {

    private static final long CAMERA = 9;

    /** A viewer that keeps the codec of each stream it is started on. */
    private static final class Codecs implements LiveHub.Viewer {
        final List<String> started = new ArrayList<>();

        @Override
        public void start(String codec, byte[] init) {
            started.add(codec);
        }

        @Override
        public void fragment(byte[] fragment, boolean key) {
            // only the stream's start matters here
        }
    }

    @Test
    void theSoundIsListenedToOnlyWhileTheStreamWithSoundIsWanted() throws Exception {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(TestSegments.recorded("libopus")))) {
            grabber.start();
            AVStream audio = grabber.getFormatContext().streams(grabber.getAudioStream());
            try (LiveFeed feed = new LiveFeed(CAMERA, false, grabber.getFormatContext().streams(grabber.getVideoStream()),
                    audio.codecpar(), audio.time_base(), hub)) {
                assertFalse(feed.listened(), "nobody watches");
                Codecs watcher = new Codecs();
                hub.join(LiveStream.pictures(CAMERA), watcher);
                assertFalse(feed.listened(), "a viewer of the pictures alone does not listen");
                Codecs listener = new Codecs();
                hub.join(LiveStream.withSound(CAMERA), listener);
                assertTrue(feed.listened());
                hub.leave(LiveStream.withSound(CAMERA), listener);
                assertFalse(feed.listened(), "the listener left before the stream with sound began");
            }
        }
    }

    @Test
    void aListenerWhoComesWhileTheSoundWasOnlyNotedGetsTheStreamWithSound() throws Exception {
        assertEquals(List.of("avc1.42e01e,opus"), listenerJoiningHalfWay(true));
    }

    @Test
    void soundNeverNotedGivesTheListenerPicturesOnly() throws Exception {
        assertEquals(List.of("avc1.42e01e"), listenerJoiningHalfWay(false));
    }

    /**
     * Feeds a recorded segment's pictures to a live feed, its sound only noted as coming (or not
     * at all), with a listener joining half-way; gives the codec of each stream the listener got.
     */
    private static List<String> listenerJoiningHalfWay(boolean noteSound) throws Exception {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        Codecs listener = new Codecs();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(TestSegments.recorded("libopus")))) {
            grabber.start();
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            AVStream audio = grabber.getFormatContext().streams(grabber.getAudioStream());
            try (LiveFeed feed = new LiveFeed(CAMERA, false, video, audio.codecpar(), audio.time_base(), hub)) {
                int pictures = 0;
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    if (packet.stream_index() == video.index()) {
                        if (pictures++ == TestSegments.FRAMES / 2) {
                            hub.join(LiveStream.withSound(CAMERA), listener);
                        }
                        feed.offer(packet, packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0, video.time_base());
                    } else if (noteSound && !feed.listened()) {
                        feed.soundCame();
                    }
                    av_packet_unref(packet);
                }
            }
        }
        return listener.started;
    }
}
