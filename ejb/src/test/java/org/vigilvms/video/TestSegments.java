package org.vigilvms.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Segments made by FFmpeg with the recorder's fragment options (frag_keyframe, empty_moov,
 * default_base_moof) for the video tests, and what is inside them.
 */
public final class TestSegments {

    public static final int FRAMES = 50;
    public static final int FPS = 25;
    /** What the sound samples are, so that their bytes could be found if any were left. */
    public static final int SAMPLE_RATE = 16_000;
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    private TestSegments() {
    }

    /**
     * Two seconds (a key picture each second) of a square moving over a white picture, in
     * MPEG-4 part 2, with a tone (AAC) if asked.
     */
    public static byte[] recorded(boolean sound) throws Exception {
        return recorded(sound ? "aac" : null);
    }

    /** The same with the tone encoded by the named encoder (e.g. "libopus"), or without sound for null. */
    public static byte[] recorded(String soundEncoder) throws Exception {
        boolean sound = soundEncoder != null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, WIDTH, HEIGHT, sound ? 1 : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setVideoQuality(2); // near lossless: pixels are compared after decoding
        recorder.setFrameRate(FPS);
        recorder.setGopSize(FPS);
        recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
        if (sound) {
            recorder.setAudioCodecName(soundEncoder);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioBitrate(32_000);
        }
        recorder.start();
        try (Java2DFrameConverter pictures = new Java2DFrameConverter()) {
            for (int i = 0; i < FRAMES; i++) {
                BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, WIDTH, HEIGHT);
                g.setColor(Color.BLUE);
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

    public static int audioChannels(byte[] mp4) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4))) {
            grabber.start();
            return grabber.getAudioChannels();
        }
    }

    /** A packet's bytes, when it is presented and whether it is a key picture. */
    public record Packet(byte[] bytes, long pts, boolean key) {
    }

    /** The packets of one kind, in file order. */
    public static List<Packet> packets(byte[] mp4, int mediaType) throws Exception {
        List<Packet> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4))) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                int type = grabber.getFormatContext().streams(packet.stream_index()).codecpar().codec_type();
                if (type == mediaType) {
                    byte[] bytes = new byte[packet.size()];
                    packet.data().get(bytes);
                    packets.add(new Packet(bytes, packet.pts(), (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0));
                }
                avcodec.av_packet_unref(packet);
            }
        }
        return packets;
    }

    /** Every picture of the file, decoded to RGB. */
    public static List<BufferedImage> pictures(byte[] mp4) throws Exception {
        List<BufferedImage> pictures = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4));
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage image = converter.convert(frame);
                BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.getGraphics().drawImage(image, 0, 0, null);
                pictures.add(copy);
            }
        }
        return pictures;
    }
}
