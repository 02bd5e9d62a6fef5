package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.PointerPointer;
import org.vigilvms.camera.AddressPolicy;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.CameraTlsRelay;
import org.vigilvms.camera.StreamSource;
import org.vigilvms.video.CameraInput;
import org.vigilvms.video.FfmpegError;

/**
 * Reaches one camera stream as the recorder must, for the main stream and the sub-stream alike:
 * the address policy checked at every connection (a name can come to resolve elsewhere), an
 * RTSPS camera judged on the very TLS connection that then carries the password and the video,
 * and the stream opened with FFmpeg over TCP. Every failure is said to {@link Verdicts#status}.
 */
final class CameraDial {

    /** Where the dial's outcome goes. */
    interface Verdicts {
        void status(CameraStatus status, String reason);

        /** Judges the certificate chain an RTSPS camera presented (leaf first); false: do not connect. */
        boolean certificate(X509Certificate[] chain);

        static Verdicts of(BiConsumer<CameraStatus, String> status,
                           Predicate<X509Certificate[]> certificate) {
            return new Verdicts() {
                @Override
                public void status(CameraStatus s, String reason) {
                    status.accept(s, reason);
                }

                @Override
                public boolean certificate(X509Certificate[] chain) {
                    return certificate.test(chain);
                }
            };
        }
    }

    /** What runs on the opened stream; true when video came. The input is closed after it. */
    interface Session {
        boolean run(AVFormatContext input);
    }

    private CameraDial() {
    }

    /** Connects to {@code source} and runs {@code session} on it; true when video came. */
    static boolean dial(StreamSource source, Verdicts verdicts, Session session) {
        URI address = URI.create(source.url());
        String refused = AddressPolicy.current().problem(address.getHost(),
                address.getPort() >= 0 ? address.getPort() : source.tls() ? 322 : 554);
        if (refused != null) {
            verdicts.status(CameraStatus.OFFLINE, refused);
            return false;
        }
        if (!source.tls()) {
            return open(source.url(), verdicts, session);
        }
        CameraTlsRelay relay;
        try {
            relay = CameraTlsRelay.open(source.url(), verdicts::certificate);
        } catch (CameraTlsRelay.Unreachable e) {
            verdicts.status(CameraStatus.OFFLINE, e.getMessage());
            return false;
        }
        if (relay == null) {
            return false; // refused by the pin or CA rule; the verdicts said why
        }
        try {
            return open(relay.rtspUrl(address.getRawUserInfo()), verdicts, session);
        } finally {
            relay.close();
        }
    }

    /** Opens {@code url} (the camera itself, or the relay of its judged TLS connection) and runs the session. */
    private static boolean open(String url, Verdicts verdicts, Session session) {
        AVFormatContext input = new AVFormatContext(null);
        int rc = CameraInput.open(input, url);
        if (rc < 0) {
            String error = FfmpegError.text(rc);
            boolean denied = FfmpegError.deniesAccess(error);
            verdicts.status(denied ? CameraStatus.UNAUTHORIZED : CameraStatus.OFFLINE, "cannot open the stream: " + error);
            return false;
        }
        try {
            if ((rc = avformat_find_stream_info(input, (PointerPointer<?>) null)) < 0) {
                verdicts.status(CameraStatus.OFFLINE, "no stream information: " + FfmpegError.text(rc));
                return false;
            }
            return session.run(input);
        } finally {
            avformat_close_input(input);
        }
    }
}
