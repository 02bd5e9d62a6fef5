package org.vigilvms.testkit.camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Encodes rendered pictures to H.265 with Debian's {@code ffmpeg} (libx265): no B-frames, a
 * closed GOP of the camera's length, the parameter sets repeated before every key picture, and
 * an access unit delimiter before every picture, by which the output is cut into pictures.
 */
final class X265Loop {

    /** NAL unit types of H.265 (ITU-T H.265 table 7-1). */
    static final int VPS = 32;
    static final int SPS = 33;
    static final int PPS = 34;
    static final int AUD = 35;

    private static final long TIMEOUT_S = 120;

    private X265Loop() {
    }

    /** The access units (NAL units without start codes, delimiters removed) of {@code pictures} I420 frames. */
    static List<List<byte[]>> encode(List<byte[]> pictures, int width, int height, int fps, int bitrate, int gop) {
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                "-s", width + "x" + height, "-r", Integer.toString(fps), "-i", "pipe:0", "-c:v", "libx265", "-preset", "ultrafast",
                "-tune", "zerolatency", "-b:v", Integer.toString(bitrate), "-x265-params",
                "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:bframes=0:open-gop=0:repeat-headers=1:aud=1:log-level=error",
                "-f", "hevc", "pipe:1");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("H.265 cameras need Debian's ffmpeg (with libx265) on the PATH: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            for (byte[] picture : pictures) {
                in.write(picture);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IllegalStateException("ffmpeg stopped taking pictures: " + e.getMessage(), e);
        }
        try {
            byte[] stream = output.get(TIMEOUT_S, TimeUnit.SECONDS);
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not encode H.265 (exit " + process.exitValue() + ")");
            }
            return accessUnits(NalUnits.split(stream, stream.length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding H.265", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ffmpeg did not finish encoding H.265: " + e, e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The NAL units between delimiters, one list per picture. */
    static List<List<byte[]>> accessUnits(List<byte[]> nals) {
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = null;
        for (byte[] nal : nals) {
            if (VideoCodec.H265.nalType(nal) == AUD) {
                current = new ArrayList<>();
                units.add(current);
            } else if (current != null) {
                current.add(nal);
            }
        }
        units.removeIf(List::isEmpty);
        return units;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read ffmpeg's output: " + e.getMessage(), e);
        }
    }
}
