package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;

/**
 * Sound taken out of recorded segments: what is left is a valid fragmented MP4 whose pictures are
 * the very packets of the original, and no sound remains in it, not even as bytes in its media
 * data. Segments are made here by FFmpeg with the recorder's fragment options.
 */
class SoundlessSegmentTest {

    private static final int FRAMES = 50;
    private static final int FPS = 25;
    /** What the sound samples are, so that their bytes could be found if any were left. */
    private static final int SAMPLE_RATE = 16_000;

    @Test
    void theSoundTrackAndEverySoundByteAreGoneAndThePicturesAreTheSamePackets() throws Exception {
        byte[] recorded = segment(true);
        assertEquals(1, audioChannels(recorded), "the original has sound");

        byte[] soundless = SoundlessSegment.of(recorded);

        assertEquals(0, audioChannels(soundless), "no sound track left");
        assertEquals(base64(packets(recorded, AVMEDIA_TYPE_VIDEO)), base64(packets(soundless, AVMEDIA_TYPE_VIDEO)),
                "the same picture packets, in order");
        assertEquals(FRAMES, packets(soundless, AVMEDIA_TYPE_VIDEO).size());
        assertFalse(contains(soundless, "mp4a"), "no sound sample description");
        assertFalse(contains(soundless, "soun"), "no sound handler");
        assertTrue(soundless.length < recorded.length - soundBytes(recorded) + 1024,
                soundless.length + " bytes left of " + recorded.length + ", of which " + soundBytes(recorded) + " were sound");
        for (byte[] packet : packets(recorded, AVMEDIA_TYPE_AUDIO)) {
            if (packet.length >= 16) {
                assertFalse(indexOf(soundless, packet) >= 0, "a sound packet's bytes remain");
            }
        }
    }

    @Test
    void aSegmentWithoutSoundIsServedAsItIs() throws Exception {
        byte[] pictures = segment(false);
        assertSame(pictures, SoundlessSegment.of(pictures));
    }

    @Test
    void bytesThatAreNotAWholeSegmentAreRefusedSayingWhere() throws Exception {
        byte[] recorded = segment(true);
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> SoundlessSegment.of(Arrays.copyOf(recorded, lastIndexOf(recorded, "mdat") + 100)));
        assertTrue(truncated.getMessage().startsWith("box mdat at "), truncated.getMessage());
        IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class,
                () -> SoundlessSegment.of(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}));
        assertEquals("no movie header (moov)", noHeader.getMessage());
        byte[] lying = recorded.clone();
        int moof = indexOf(lying, "moof".getBytes(StandardCharsets.US_ASCII)) - 4;
        int trun = indexOf(Arrays.copyOfRange(lying, moof, lying.length), "trun".getBytes(StandardCharsets.US_ASCII)) + moof - 4;
        java.nio.ByteBuffer.wrap(lying).putInt(trun + 16, 1 << 30); // the first run's data offset, far past the end
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> SoundlessSegment.of(lying));
        assertEquals("a run's samples lie outside its media data (trun at " + trun + ")", outside.getMessage());
    }

    /** Two seconds of moving pictures (MPEG-4 part 2) and, if asked, a tone (AAC), fragmented as the recorder does. */
    private static byte[] segment(boolean sound) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 320, 240, sound ? 1 : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setFrameRate(FPS);
        recorder.setGopSize(FPS);
        recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
        if (sound) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioBitrate(32_000);
        }
        recorder.start();
        try (org.bytedeco.javacv.Java2DFrameConverter pictures = new org.bytedeco.javacv.Java2DFrameConverter()) {
            for (int i = 0; i < FRAMES; i++) {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
                java.awt.Graphics2D g = image.createGraphics();
                g.fillRect(i * 5, 100, 40, 40);
                g.dispose();
                recorder.record(pictures.convert(image));
                if (sound) {
                    short[] samples = new short[SAMPLE_RATE / FPS];
                    for (int s = 0; s < samples.length; s++) {
                        samples[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * samples.length + s) / SAMPLE_RATE));
                    }
                    recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(samples));
                }
            }
        }
        recorder.stop();
        recorder.release();
        return out.toByteArray();
    }

    private static int audioChannels(byte[] mp4) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4))) {
            grabber.start();
            return grabber.getAudioChannels();
        }
    }

    /** The packets of one kind, as bytes, in file order. */
    private static List<byte[]> packets(byte[] mp4, int mediaType) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4))) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                int type = grabber.getFormatContext().streams(packet.stream_index()).codecpar().codec_type();
                if (type == mediaType) {
                    byte[] bytes = new byte[packet.size()];
                    packet.data().get(bytes);
                    packets.add(bytes);
                }
                avcodec.av_packet_unref(packet);
            }
        }
        return packets;
    }

    private static List<String> base64(List<byte[]> packets) {
        return packets.stream().map(p -> Base64.getEncoder().encodeToString(p)).toList();
    }

    private static long soundBytes(byte[] mp4) throws Exception {
        return packets(mp4, AVMEDIA_TYPE_AUDIO).stream().mapToLong(p -> p.length).sum();
    }

    private static boolean contains(byte[] file, String text) {
        return indexOf(file, text.getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    private static int lastIndexOf(byte[] file, String type) {
        byte[] part = type.getBytes(StandardCharsets.US_ASCII);
        for (int at = file.length - part.length; at >= 0; at--) {
            if (Arrays.equals(file, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] file, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= file.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (file[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
