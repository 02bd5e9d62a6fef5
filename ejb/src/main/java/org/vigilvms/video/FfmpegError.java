package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's text for a negative return code, for messages an operator reads. */
public final class FfmpegError {

    private FfmpegError() {
    }

    /** "Connection refused (-111)". */
    public static String text(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        String text = new String(buffer, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        return (nul >= 0 ? text.substring(0, nul) : text).trim() + " (" + code + ")";
    }

    /** Whether FFmpeg's text of a failed open says the camera refused the credentials. */
    public static boolean deniesAccess(String error) {
        return error.contains("Unauthorized") || error.contains("not permitted") || error.contains("Permission denied")
                || error.contains("401");
    }
}
