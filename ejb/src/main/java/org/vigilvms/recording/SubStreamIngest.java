package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.security.cert.X509Certificate;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.analytics.FrameFeed;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.StreamSource;
import org.vigilvms.live.LiveFeed;
import org.vigilvms.live.LiveHub;
import org.vigilvms.video.PictureSize;

/**
 * Pulls a camera's sub-stream beside the recording of its main stream, and records none of it:
 * its pictures go to live tiles too small for the main stream and to analytics, which decode far
 * less of them. Reached like the main stream ({@link CameraDial}); its state is its own
 * ({@link Listener#subStreamStatus}): a sub-stream that is down leaves the camera recording, and
 * its tiles and analytics go back to the main stream until it comes again. On loss it reconnects
 * ({@link ReconnectingPull}). Its pictures are described as it sends them ({@link SentPictures}),
 * as the main stream's are: a stale SDP is overruled by the first key picture, and a change of
 * picture size ends the session with that reason as its state, to connect again at once.
 */
final class SubStreamIngest extends ReconnectingPull {

    /** Shorter than the main stream's: the tiles that fell back get their sub-stream again soon after it returns. */
    private static final long MAX_BACKOFF_MS = 10_000;

    /** Where the sub-stream's state goes, and who judges an RTSPS camera's certificate. */
    interface Listener {
        void subStreamStatus(long cameraId, CameraStatus status, String reason);

        boolean certificate(long cameraId, X509Certificate[] chain);
    }

    private final StreamSource source;
    private final Listener listener;
    private final LiveHub live;
    private final FrameFeed analytics;
    private volatile boolean analysing;

    /** {@code source}: the camera reached at its sub-stream ({@link StreamSource#subStream}). */
    SubStreamIngest(StreamSource source, Listener listener, LiveHub live, FrameFeed analytics) {
        super(MAX_BACKOFF_MS);
        this.source = source;
        this.listener = listener;
        this.live = live;
        this.analytics = analytics;
    }

    StreamSource source() {
        return source;
    }

    /** Whether the camera's analytics takes its pictures from here now (the main stream's ingest then does not). */
    boolean analysing() {
        return analysing;
    }

    @Override
    void failed(RuntimeException e) {
        listener.subStreamStatus(source.cameraId(), CameraStatus.OFFLINE, e.getMessage());
    }

    @Override
    boolean connectOnce() {
        return CameraDial.dial(source, CameraDial.Verdicts.of((status, reason) -> listener.subStreamStatus(source.cameraId(), status,
                reason), chain -> listener.certificate(source.cameraId(), chain)), this::pullFrom);
    }

    private boolean pullFrom(AVFormatContext input) {
        int video = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (video < 0) {
            listener.subStreamStatus(source.cameraId(), CameraStatus.OFFLINE, "the sub-stream has no video");
            return false;
        }
        AVStream stream = input.streams(video);
        AVRational timeBase = stream.time_base();
        AVRational millis = av_make_q(1, 1000);
        listener.subStreamStatus(source.cameraId(), CameraStatus.ONLINE, null);
        AVPacket packet = av_packet_alloc();
        SentPictures sent = new SentPictures(source.cameraId(), stream.codecpar());
        // both set up at the first key picture, for the pictures as it describes them
        LiveFeed liveFeed = null;
        FrameFeed.CameraFeed analysed = null;
        String resized = null;
        boolean pulled = false;
        try {
            long firstPts = AV_NOPTS_VALUE;
            long firstDts = 0;
            PacketTimes times = new PacketTimes();
            StreamClock clock = null;
            while (running() && av_read_frame(input, packet) >= 0) {
                try {
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    if (!times.take(packet)) {
                        continue;
                    }
                    long pts = times.pts();
                    long dts = times.dts();
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (key) {
                        PictureSize changed = sent.keyPicture(packet);
                        if (changed != null) {
                            resized = "the camera changed its sub-stream pictures from " + sent.announced() + " to " + changed
                                    + " while streaming; connecting again to show them at the new size";
                            break;
                        }
                    }
                    if (firstPts == AV_NOPTS_VALUE) {
                        if (!key) {
                            continue; // start at a key picture
                        }
                        firstPts = pts;
                        firstDts = dts;
                        clock = new StreamClock(System.currentTimeMillis());
                        liveFeed = new LiveFeed(source.cameraId(), true, stream, null, null, live);
                        analysed = analytics.open(source.cameraId(), stream);
                    }
                    long mediaMs = av_rescale_q(pts - firstPts, timeBase, millis);
                    clock.arrived(mediaMs, System.currentTimeMillis());
                    liveFeed.offer(packet, pts - firstDts, dts - firstDts, key, timeBase);
                    analysing = true;
                    pulled = true;
                    try {
                        analysed.offer(packet, key, clock.wallOf(mediaMs));
                    } catch (RuntimeException e) {
                        analysed.close(); // analytics of this session ends; the live tiles go on
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (resized != null) {
                listener.subStreamStatus(source.cameraId(), CameraStatus.OFFLINE, resized);
            } else if (running()) {
                listener.subStreamStatus(source.cameraId(), CameraStatus.OFFLINE, "the sub-stream ended or stalled");
            }
        } finally {
            analysing = false;
            if (liveFeed != null) {
                liveFeed.close();
                analysed.close();
            }
            av_packet_free(packet);
        }
        return pulled;
    }
}
