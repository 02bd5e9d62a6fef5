package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.video.MaskArea;
import org.vigilvms.video.TestSegments;

/**
 * The masked live stream: what a viewer who may not see through the masks receives is a playable
 * stream in which every picture is black inside the mask, encoded on a thread of its own; closing
 * it ends the stream for its viewers.
 */
class MaskedLiveTest {

    private static final Region DOOR = new Region("door", 0.25, 0.25, 0.25, 0.25);
    private static final MaskArea.Box DOOR_BOX = new MaskArea.Box(80, 60, 160, 120);
    private static final long WAIT_MS = 20_000;

    /** A viewer that keeps what it is sent. */
    private static final class Keeping implements LiveHub.Viewer {
        final List<String> codecs = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile int fragments;
        volatile boolean firstKey;

        @Override
        public synchronized void start(String codec, byte[] init) {
            codecs.add(codec);
            bytes.writeBytes(init);
        }

        @Override
        public synchronized void fragment(byte[] fragment, boolean key) {
            if (fragments == 0) {
                firstKey = key;
            }
            bytes.writeBytes(fragment);
            fragments++;
        }

        synchronized byte[] received() {
            return bytes.toByteArray();
        }
    }

    @Test
    void aViewerOfTheMaskedStreamGetsEveryPictureBlackInsideTheMask() throws Exception {
        byte[] recorded = TestSegments.recorded(false);
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        LiveStream stream = LiveStream.masked(5);
        Keeping viewer = new Keeping();
        hub.join(stream, viewer);
        int offered = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(recorded))) {
            grabber.start();
            int video = grabber.getVideoStream();
            MaskedLive masked = new MaskedLive(stream, grabber.getFormatContext().streams(video), List.of(DOOR), null, null, hub,
                    Thread::new);
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == video) {
                    waitUntil(() -> masked.queued() < MaskedLive.MOST_QUEUED, "room in the encoder's queue");
                    masked.offer(packet, packet.pts(), packet.dts(), (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0);
                    offered++;
                }
                avcodec.av_packet_unref(packet);
            }
            int expected = offered;
            waitUntil(() -> viewer.fragments >= expected, "the masked pictures reach the viewer");
            masked.close();
            assertFalse(masked.failed());
        }
        assertEquals(TestSegments.FRAMES, offered);
        assertEquals(1, viewer.codecs.size(), "one stream start: " + viewer.codecs);
        assertTrue(viewer.codecs.get(0).startsWith("avc1."), viewer.codecs.get(0));
        assertTrue(viewer.firstKey, "the stream starts at a key picture");
        List<BufferedImage> pictures = TestSegments.pictures(viewer.received());
        assertEquals(offered, pictures.size(), "every picture sent decodes, the last too");
        for (int f = 0; f < pictures.size(); f++) {
            for (int y = DOOR_BOX.top(); y < DOOR_BOX.bottom(); y++) {
                for (int x = DOOR_BOX.left(); x < DOOR_BOX.right(); x++) {
                    int rgb = pictures.get(f).getRGB(x, y);
                    int brightest = Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
                    assertTrue(brightest < 40, "picture " + f + " shows " + Integer.toHexString(rgb) + " at " + x + "," + y);
                }
            }
            assertTrue((pictures.get(f).getRGB(10, 10) & 0xff) > 200, "outside the mask the white background shows");
        }
    }

    @Test
    void theMaskedStreamOfAListenerCarriesTheSoundAsItCameFromItsFirstPictureOn() throws Exception {
        byte[] recorded = TestSegments.recorded(true);
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        LiveStream stream = LiveStream.withSound(6).maskedForm();
        Keeping viewer = new Keeping();
        hub.join(stream, viewer);
        List<TestSegments.Packet> offeredSound = new ArrayList<>();
        int pictures = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(recorded))) {
            grabber.start();
            int video = grabber.getVideoStream();
            AVStream sound = grabber.getFormatContext().streams(grabber.getAudioStream());
            MaskedLive masked = new MaskedLive(stream, grabber.getFormatContext().streams(video), List.of(DOOR), sound.codecpar(),
                    sound.time_base(), hub, Thread::new);
            assertTrue(masked.hasSound());
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                waitUntil(() -> masked.queued() < MaskedLive.MOST_QUEUED, "room in the encoder's queue");
                if (packet.stream_index() == video) {
                    masked.offer(packet, packet.pts(), packet.dts(), (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0);
                    pictures++;
                } else {
                    byte[] bytes = new byte[packet.size()];
                    packet.data().get(bytes);
                    offeredSound.add(new TestSegments.Packet(bytes, packet.pts(), false));
                    masked.offerSound(packet, packet.pts());
                }
                avcodec.av_packet_unref(packet);
            }
            int expected = pictures + offeredSound.size(); // a fragment each
            waitUntil(() -> viewer.fragments >= expected, "every picture and every sound frame reach the viewer");
            masked.close();
            assertFalse(masked.failed());
        }
        assertEquals(1, viewer.codecs.size(), "one stream start: " + viewer.codecs);
        assertTrue(viewer.codecs.get(0).matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2"), viewer.codecs.get(0));
        // the sound as it came (not encoded again), every frame in its place on the pictures' clock: the first picture
        // went out before any sound, so none was left out
        assertEquals(pictures, TestSegments.pictures(viewer.received()).size(), "every picture decodes");
        List<TestSegments.Packet> heard = TestSegments.packets(viewer.received(), AVMEDIA_TYPE_AUDIO);
        assertEquals(offeredSound.size(), heard.size(), "sound frames heard");
        for (int i = 0; i < heard.size(); i++) {
            assertArrayEquals(offeredSound.get(i).bytes(), heard.get(i).bytes(), "sound frame " + i);
            assertEquals(offeredSound.get(i).pts(), heard.get(i).pts(), "sound frame " + i);
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
