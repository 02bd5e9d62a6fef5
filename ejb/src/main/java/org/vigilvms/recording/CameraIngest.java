package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.StreamSource;

/**
 * Records one camera: pulls RTSP(S) over TCP with FFmpeg (through JavaCPP, without libavdevice),
 * remuxes the video packets untouched into fragmented-MP4 segments cut at the first keyframe after
 * {@link #SEGMENT_MS}, and hands each finished segment on. Wall-clock times come from the stream:
 * the session's first frame is stamped with the server clock and every later frame is placed by
 * its media timestamp, so 1 s of video is 1 s in the index. On loss it reconnects with
 * exponential backoff; the outage is a gap, never filler video.
 */
final class CameraIngest implements Runnable {

    /** Target segment length; a segment ends at the first keyframe after it. */
    static final long SEGMENT_MS = 2000;
    private static final long MAX_BACKOFF_MS = 30_000;

    /** Where finished segments and status changes go. */
    interface Listener {
        void status(long cameraId, CameraStatus status, String reason);

        void segment(long cameraId, Path file, long startMs, long durationMs, int frames);

        /** Judges the certificate chain an RTSPS camera presented (leaf first); false: do not record. */
        boolean certificate(long cameraId, java.security.cert.X509Certificate[] chain);
    }

    private final StreamSource source;
    private final Path spool;
    private final Listener listener;
    private final org.vigilvms.live.LiveHub live;
    private final org.vigilvms.analytics.FrameFeed analytics;
    private volatile boolean running = true;

    CameraIngest(StreamSource source, Path spool, Listener listener, org.vigilvms.live.LiveHub live,
                 org.vigilvms.analytics.FrameFeed analytics) {
        this.analytics = analytics;
        this.source = source;
        this.spool = spool;
        this.listener = listener;
        this.live = live;
    }

    StreamSource source() {
        return source;
    }

    void stop() {
        running = false;
    }

    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /** Waits until {@link #run} has returned (its files and muxers closed); false on timeout. */
    boolean awaitStopped(java.time.Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void run() {
        try {
            runUntilStopped();
        } finally {
            stopped.countDown();
        }
    }

    private void runUntilStopped() {
        long backoff = 1000;
        while (running) {
            try {
                if (record()) {
                    backoff = 1000; // it was streaming: reconnect quickly
                }
            } catch (RuntimeException e) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, e.getMessage());
            }
            if (!running) {
                return;
            }
            for (long slept = 0; slept < backoff && running; slept += 100) {
                sleep(100); // a stop does not wait out the backoff
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    /** One connection; true when video was recorded before it ended. */
    private boolean record() {
        if (source.tls()) {
            java.security.cert.X509Certificate[] presented;
            try {
                presented = CertificateProbe.chain(source.url());
            } catch (java.io.IOException e) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, e.getMessage());
                return false;
            }
            if (!listener.certificate(source.cameraId(), presented)) {
                return false;
            }
        }
        avformat_network_init();
        AVFormatContext input = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "rtsp_transport", "tcp", 0);
        av_dict_set(options, "timeout", "5000000", 0);
        int rc = avformat_open_input(input, source.url(), null, options);
        av_dict_free(options);
        if (rc < 0) {
            String error = error(rc);
            boolean denied = error.contains("Unauthorized") || error.contains("not permitted")
                    || error.contains("Permission denied") || error.contains("401");
            listener.status(source.cameraId(), denied ? CameraStatus.UNAUTHORIZED : CameraStatus.OFFLINE,
                    "cannot open the stream: " + error);
            return false;
        }
        AVPacket packet = av_packet_alloc();
        Segment segment = null;
        org.vigilvms.live.LiveMuxer liveMuxer = null;
        org.vigilvms.analytics.FrameFeed.CameraFeed analysed = null;
        AVRational timeBase = null;
        boolean recorded = false;
        try {
            if ((rc = avformat_find_stream_info(input, (PointerPointer<?>) null)) < 0) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, "no stream information: " + error(rc));
                return false;
            }
            int video = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (video < 0) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, "the stream has no video");
                return false;
            }
            AVStream stream = input.streams(video);
            timeBase = stream.time_base();
            AVRational millis = av_make_q(1, 1000);
            listener.status(source.cameraId(), CameraStatus.ONLINE, null);
            try {
                liveMuxer = org.vigilvms.live.LiveMuxer.open(source.cameraId(), stream, live);
            } catch (RuntimeException e) {
                liveMuxer = null; // recording goes on without live view
            }
            analysed = analytics.open(source.cameraId(), stream);
            long sessionFirstPts = AV_NOPTS_VALUE;
            long sessionFirstDts = 0;
            long sessionWallMs = 0;
            long lastDts = Long.MIN_VALUE;
            while (running && av_read_frame(input, packet) >= 0) {
                try {
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : pts;
                    if (pts == AV_NOPTS_VALUE) {
                        continue;
                    }
                    if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
                        dts = lastDts + 1; // non-monotonic timestamps (camera or reconnect quirks)
                        pts = Math.max(pts, dts);
                    }
                    lastDts = dts;
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (segment == null && !key) {
                        continue; // start at a keyframe
                    }
                    if (sessionFirstPts == AV_NOPTS_VALUE) {
                        sessionFirstPts = pts;
                        sessionFirstDts = dts;
                        sessionWallMs = System.currentTimeMillis();
                    }
                    if (liveMuxer != null) {
                        try {
                            liveMuxer.write(packet, pts - sessionFirstDts, dts - sessionFirstDts, key, timeBase);
                        } catch (RuntimeException e) {
                            liveMuxer.close(); // live view of this session ends; recording goes on
                            liveMuxer = null;
                        }
                    }
                    try {
                        // capture time as the segments count it: the wall clock at the session's first packet + media time
                        analysed.offer(packet, key, sessionWallMs + av_rescale_q(pts - sessionFirstPts, timeBase, millis));
                    } catch (RuntimeException e) {
                        analysed.close(); // analytics of this session ends; recording goes on
                    }
                    if (segment != null && key && av_rescale_q(pts - segment.firstPts, timeBase, millis) >= SEGMENT_MS) {
                        finish(segment, timeBase);
                        recorded = true;
                        segment = null;
                    }
                    if (segment == null) {
                        long startMs = sessionWallMs + av_rescale_q(pts - sessionFirstPts, timeBase, millis);
                        segment = Segment.open(SpoolFile.inProgress(spool, source.cameraId(), startMs),
                                stream, pts, dts, startMs);
                    }
                    segment.write(packet, pts, dts, timeBase);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (running) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, "the stream ended or stalled");
            }
        } finally {
            if (segment != null) {
                finish(segment, timeBase);
                recorded = true;
            }
            if (liveMuxer != null) {
                liveMuxer.close();
            }
            if (analysed != null) {
                analysed.close();
            }
            av_packet_free(packet);
            avformat_close_input(input);
        }
        return recorded;
    }

    private void finish(Segment segment, AVRational timeBase) {
        long durationMs = segment.close(timeBase);
        if (segment.frames > 0) {
            // renamed only once complete: after a crash, a ".part" file is known to be unfinished
            listener.segment(source.cameraId(), SpoolFile.complete(segment.file), segment.startMs, durationMs, segment.frames);
        } else {
            SpoolFile.discard(segment.file);
        }
    }

    /** One fragmented-MP4 file being written. */
    private static final class Segment {
        final Path file;
        final long firstPts;
        final long firstDts;
        final long startMs;
        final AVFormatContext output;
        final AVStream stream;
        long lastPts;
        int frames;

        private Segment(Path file, AVFormatContext output, AVStream stream, long firstPts, long firstDts, long startMs) {
            this.file = file;
            this.output = output;
            this.stream = stream;
            this.firstPts = firstPts;
            this.firstDts = firstDts;
            this.startMs = startMs;
            this.lastPts = firstPts;
        }

        static Segment open(Path file, AVStream input, long firstPts, long firstDts, long startMs) {
            AVFormatContext output = new AVFormatContext(null);
            int rc = avformat_alloc_output_context2(output, null, "mp4", file.toString());
            if (rc < 0) {
                throw new IllegalStateException("cannot create an MP4 muxer: " + error(rc));
            }
            AVStream stream = avformat_new_stream(output, null);
            avcodec_parameters_copy(stream.codecpar(), input.codecpar());
            stream.codecpar().codec_tag(0);
            stream.time_base(input.time_base());
            AVIOContext io = new AVIOContext(null);
            if ((rc = avio_open(io, file.toString(), AVIO_FLAG_WRITE)) < 0) {
                avformat_free_context(output);
                throw new IllegalStateException("cannot write " + file + ": " + error(rc));
            }
            output.pb(io);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
            // fragments of at most 0.5 s, each written out as it closes (FFmpeg would otherwise hold
            // a seekable file's output in its buffer): a crash loses at most the last half second
            av_dict_set(options, "frag_duration", String.valueOf(SpoolFile.FRAGMENT_US), 0);
            av_dict_set(options, "flush_packets", "1", 0);
            rc = avformat_write_header(output, options);
            av_dict_free(options);
            if (rc < 0) {
                avio_closep(output.pb());
                avformat_free_context(output);
                throw new IllegalStateException("cannot start the MP4 segment: " + error(rc));
            }
            return new Segment(file, output, stream, firstPts, firstDts, startMs);
        }

        void write(AVPacket packet, long pts, long dts, AVRational inputTimeBase) {
            packet.stream_index(0);
            packet.pts(pts - firstDts);
            packet.dts(dts - firstDts);
            packet.pos(-1);
            av_packet_rescale_ts(packet, inputTimeBase, stream.time_base());
            int rc = av_interleaved_write_frame(output, packet);
            if (rc < 0) {
                throw new IllegalStateException("cannot write to " + file + ": " + error(rc));
            }
            lastPts = Math.max(lastPts, pts);
            frames++;
        }

        /** Closes the file; returns its media duration in ms (last frame included). */
        long close(AVRational inputTimeBase) {
            av_write_trailer(output);
            avio_closep(output.pb());
            avformat_free_context(output);
            long span = av_rescale_q(lastPts - firstPts, inputTimeBase, av_make_q(1, 1000));
            return frames > 1 ? span + span / (frames - 1) : span;
        }
    }

    private static String error(int code) {
        return org.vigilvms.video.FfmpegError.text(code);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
