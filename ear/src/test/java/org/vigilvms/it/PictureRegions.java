package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Pictures as brightness (luma 0..255, row by row) and what a rectangle of them holds: for the
 * privacy mask checks. Videos are decoded by Debian's ffmpeg, not by the server's libraries.
 */
final class PictureRegions {

    /** Pixels {@code left <= x < right}, {@code top <= y < bottom}. */
    record Box(int left, int top, int right, int bottom) {

        /** This box shrunk by {@code margin} on every side (compression blurs a mask's edge by a few pixels). */
        Box inner(int margin) {
            return new Box(left + margin, top + margin, right - margin, bottom - margin);
        }
    }

    /** One picture's brightness. */
    record Luma(int width, int height, byte[] values) {

        int at(int x, int y) {
            return values[y * width + x] & 0xff;
        }

        int max(Box box) {
            int max = 0;
            for (int y = box.top(); y < box.bottom(); y++) {
                for (int x = box.left(); x < box.right(); x++) {
                    max = Math.max(max, at(x, y));
                }
            }
            return max;
        }

        double mean(Box box) {
            long sum = 0;
            for (int y = box.top(); y < box.bottom(); y++) {
                for (int x = box.left(); x < box.right(); x++) {
                    sum += at(x, y);
                }
            }
            return (double) sum / ((long) (box.right() - box.left()) * (box.bottom() - box.top()));
        }
    }

    /** A privacy mask over a quarter of the picture, as the analytics configuration takes it. */
    static final String WINDOW = "{\"name\": \"window\", \"x\": 0.25, \"y\": 0.25, \"width\": 0.25, \"height\": 0.25}";
    /** The pixels {@link #WINDOW} covers on the test cameras' 640x360 pictures. */
    static final Box WINDOW_BOX = new Box(160, 90, 320, 180);
    /** A band around a mask that compression may blur: checked neither as masked nor as clear. */
    static final int EDGE = 6;
    /** The picture below the window (and its blurred band), where the scene must show. */
    static final Box BELOW_WINDOW = new Box(0, WINDOW_BOX.bottom() + EDGE, 640, 360);

    private PictureRegions() {
    }

    /** An analytics configuration (disabled) holding only {@code masks}, a JSON list's items. */
    static String masksOnly(String masks) {
        return "{\"enabled\": false, \"sensitivity\": 50, \"tamper\": false, \"zones\": [], \"masks\": [" + masks + "]}";
    }

    static Luma jpeg(byte[] jpeg) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        byte[] values = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                values[y * image.getWidth() + x] = (byte) ((((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000);
            }
        }
        return new Luma(image.getWidth(), image.getHeight(), values);
    }

    /** Every picture of an MP4 of the given size, decoded by Debian's ffmpeg. */
    static List<Luma> video(Path mp4, int width, int height) throws Exception {
        Path raw = Files.createTempFile(mp4.getParent(), "luma-", ".gray");
        try {
            // every decoded picture once: without passthrough, raw output is constant-rate and a camera's uneven
            // timestamps would duplicate or drop pictures
            Process ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-fps_mode", "passthrough",
                    "-f", "rawvideo", "-pix_fmt", "gray", raw.toString()).redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ffmpeg.waitFor(120, TimeUnit.SECONDS), "ffmpeg decodes " + mp4);
            assertEquals(0, ffmpeg.exitValue(), output);
            byte[] all = Files.readAllBytes(raw);
            int size = width * height;
            assertEquals(0, all.length % size, all.length + " bytes are not whole " + width + "x" + height + " pictures");
            List<Luma> pictures = new ArrayList<>();
            for (int at = 0; at < all.length; at += size) {
                pictures.add(new Luma(width, height, Arrays.copyOfRange(all, at, at + size)));
            }
            return pictures;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
