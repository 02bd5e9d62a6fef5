package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.analytics.FrameFeed;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.StreamSource;
import org.vigilvms.live.LiveFeed;
import org.vigilvms.live.LiveHub;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.video.CodecString;
import org.vigilvms.video.FfmpegError;
import org.vigilvms.video.PictureSize;

/**
 * Records one camera: pulls RTSP(S) over TCP with FFmpeg (through JavaCPP, without libavdevice),
 * remuxes the video packets untouched into fragmented-MP4 segments cut at the first keyframe at or
 * after {@link #SEGMENT_MS}, and hands each finished segment on. Audio the camera sends in a codec MP4
 * holds (AAC, MP3, Opus...) is kept as the segment's second track, cut at the same instant as
 * the video: a segment stays open for the sound up to its cut until that sound has arrived (and
 * when the camera is stopped, its last segment waits, up to {@link #AUDIO_WAIT_MS}, for the
 * sound of its last pictures, taking no more pictures); sound in a codec MP4 does not hold
 * (G.711) is re-encoded to AAC ({@link AudioTranscoder}).
 * Wall-clock times come from the stream: the session's first frame is stamped with the server
 * clock and every later frame is placed by its media timestamp, so 1 s of video is 1 s in the
 * index; {@link StreamClock} corrects that placement for FFmpeg's read-ahead and for a camera
 * clock that drifts, and logs the drift. On loss it reconnects with exponential backoff; the
 * outage is a gap, never filler video. A camera reconfigured while it streams sends a key picture
 * whose parameter sets give another picture size ({@link SentPictures}): the session ends there
 * with that reason as the camera's status, what came before is sealed, and the next session,
 * at once, records at the new size. Its pictures go to live view and, unless the camera's
 * sub-stream runs ({@link SubStreamIngest}), to analytics. Each session is described (segments'
 * and live view's sample description, analytics' decoder) by the parameter sets its first key
 * picture carries where they are not the SDP's: a camera whose SDP still describes the old size
 * after such a change is recorded as it sends, with a warning in the log.
 */
final class CameraIngest extends ReconnectingPull {

    /**
     * Target segment length; a segment ends at the first keyframe at or after it. 4 s, the top of
     * the 2-4 s range: each segment costs a signed message, a transaction and an index row, and
     * at 2 s that per-segment work cost the recorder as much CPU as remuxing the video itself.
     */
    static final long SEGMENT_MS = 4000;
    private static final long MAX_BACKOFF_MS = 30_000;
    /** How long past a cut a segment waits for the sound before it (camera audio lags its video a little). */
    private static final long AUDIO_WAIT_MS = 1000;

    /** Where finished segments and status changes go. */
    interface Listener {
        void status(long cameraId, CameraStatus status, String reason);

        void segment(long cameraId, Path file, long startMs, long durationMs, int frames);

        /** Judges the certificate chain an RTSPS camera presented (leaf first); false: do not record. */
        boolean certificate(long cameraId, X509Certificate[] chain);
    }

    private final StreamSource source;
    /** The ownership epoch this node records the camera under; every spool file's name carries it. */
    private final long epoch;
    private final Path spool;
    private final Listener listener;
    private final LiveHub live;
    private final FrameFeed analytics;
    private final CameraCounters counters;
    /** True while the camera's sub-stream feeds analytics ({@link SubStreamIngest}): this stream then does not. */
    private final BooleanSupplier analysedElsewhere;

    CameraIngest(StreamSource source, long epoch, Path spool, Listener listener, LiveHub live,
                 FrameFeed analytics, CameraCounters counters, BooleanSupplier analysedElsewhere) {
        super(MAX_BACKOFF_MS);
        this.analysedElsewhere = analysedElsewhere;
        this.epoch = epoch;
        this.analytics = analytics;
        this.counters = counters;
        this.source = source;
        this.spool = spool;
        this.listener = listener;
        this.live = live;
    }

    StreamSource source() {
        return source;
    }

    long epoch() {
        return epoch;
    }

    @Override
    void failed(RuntimeException e) {
        listener.status(source.cameraId(), CameraStatus.OFFLINE, e.getMessage());
    }

    /** One connection; true when video was recorded before it ended. */
    @Override
    boolean connectOnce() {
        return CameraDial.dial(source, CameraDial.Verdicts.of((status, reason) -> listener.status(source.cameraId(), status, reason),
                chain -> listener.certificate(source.cameraId(), chain)), this::recordFrom);
    }

    /** Records from the opened stream until it ends or the ingest stops. */
    private boolean recordFrom(AVFormatContext input) {
        AVPacket packet = av_packet_alloc();
        Segment segment = null;
        Segment closing = null; // the previous segment, waiting for the sound up to its cut
        LiveFeed liveFeed = null;
        FrameFeed.CameraFeed analysed = null;
        AVRational timeBase = null;
        SoundTrack sound = null;
        boolean recorded = false;
        try {
            int video = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (video < 0) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, "the stream has no video");
                return false;
            }
            AVStream stream = input.streams(video);
            timeBase = stream.time_base();
            int audio = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, video, (AVCodec) null, 0);
            sound = audio >= 0 ? soundTrack(input.streams(audio)) : null;
            AVRational millis = av_make_q(1, 1000);
            counters.connected();
            listener.status(source.cameraId(), CameraStatus.ONLINE, null);
            long sessionFirstPts = AV_NOPTS_VALUE;
            long sessionFirstDts = 0;
            StreamClock clock = null;
            boolean firstSegment = true;
            PacketTimes times = new PacketTimes();
            // the pictures as sent: the segments and the live feed are set up for their size, and a later key picture
            // of another size ends the session
            SentPictures sent = new SentPictures(source.cameraId(), stream.codecpar());
            String resized = null;
            // once stopped, the sound of the pictures already kept is still read for a moment (it lags them)
            long soundAwaitedUntil = AV_NOPTS_VALUE; // on the video clock
            long soundDeadline = 0;
            while (av_read_frame(input, packet) >= 0) {
                try {
                    if (!running()) {
                        if (soundAwaitedUntil == AV_NOPTS_VALUE) {
                            if (sound == null || segment == null) {
                                break;
                            }
                            soundAwaitedUntil = segment.picturesEnd();
                            soundDeadline = System.nanoTime() + AUDIO_WAIT_MS * 1_000_000;
                        }
                        if (System.nanoTime() - soundDeadline > 0) {
                            break; // the sound stopped coming: what came is kept
                        }
                        if (packet.stream_index() != sound.inputIndex()) {
                            continue; // no pictures after the stop
                        }
                    }
                    if (sound != null && packet.stream_index() == sound.inputIndex() && segment != null) {
                        long came = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                        if (soundAwaitedUntil != AV_NOPTS_VALUE && came != AV_NOPTS_VALUE
                                && av_rescale_q(came, sound.inputTimeBase(), timeBase) >= soundAwaitedUntil) {
                            break; // stopped, and the sound of every picture kept has come (none after them is taken)
                        }
                        if (sound.live() != null) {
                            offerLiveSound(liveFeed, sound.live(), packet, av_rescale_q(sessionFirstDts, timeBase, sound.live().timeBase()));
                        }
                        List<AVPacket> soundPackets = sound.packets(packet);
                        try {
                            for (AVPacket soundPacket : soundPackets) {
                                long at = soundPacket.pts() != AV_NOPTS_VALUE ? soundPacket.pts() : soundPacket.dts();
                                if (at == AV_NOPTS_VALUE) {
                                    continue;
                                }
                                if (sound.live() == null) {
                                    liveFeed.offerSound(soundPacket, at - av_rescale_q(sessionFirstDts, timeBase, sound.timeBase()));
                                }
                                // the sound's instant on the video's clock picks the segment it belongs to
                                long onVideoClock = av_rescale_q(at, sound.timeBase(), timeBase);
                                if (closing != null && onVideoClock < closing.cutPts) {
                                    closing.writeAudio(soundPacket, sound.timeBase());
                                    continue;
                                }
                                if (closing != null) {
                                    finish(closing, timeBase); // its sound is complete
                                    recorded = true;
                                    closing = null;
                                }
                                if (onVideoClock >= segment.firstPts) {
                                    segment.writeAudio(soundPacket, sound.timeBase());
                                }
                            }
                        } finally {
                            sound.release(soundPackets);
                        }
                        continue;
                    }
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    counters.frame(packet.size());
                    if (!times.take(packet)) {
                        counters.dropped();
                        continue;
                    }
                    long pts = times.pts();
                    long dts = times.dts();
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (key) {
                        PictureSize changed = sent.keyPicture(packet);
                        if (changed != null) {
                            resized = "the camera changed its pictures from " + sent.announced() + " to " + changed
                                    + " while streaming; connecting again to record them at the new size";
                            break; // what was recorded is sealed; the next session is set up for the new size
                        }
                    }
                    if (segment == null && !key) {
                        counters.dropped();
                        continue; // start at a keyframe
                    }
                    if (liveFeed == null) { // the session's first key picture: the stream is as it describes
                        liveFeed = new LiveFeed(source.cameraId(), false, stream, sound != null ? sound.liveParameters() : null,
                                sound != null ? sound.liveTimeBase() : null, live);
                        analysed = analytics.open(source.cameraId(), stream);
                    }
                    if (sessionFirstPts == AV_NOPTS_VALUE) {
                        sessionFirstPts = pts;
                        sessionFirstDts = dts;
                        clock = new StreamClock(System.currentTimeMillis());
                    }
                    long mediaMs = av_rescale_q(pts - sessionFirstPts, timeBase, millis);
                    clock.arrived(mediaMs, System.currentTimeMillis());
                    liveFeed.offer(packet, pts - sessionFirstDts, dts - sessionFirstDts, key, timeBase);
                    if (analysedElsewhere.getAsBoolean()) {
                        analysed.suspend(); // the sub-stream feeds analytics while it runs
                    } else {
                        try {
                            // capture time as the segments count it (StreamClock)
                            analysed.offer(packet, key, clock.wallOf(mediaMs));
                        } catch (RuntimeException e) {
                            analysed.close(); // analytics of this session ends; recording goes on
                        }
                    }
                    if (closing != null && av_rescale_q(pts - closing.cutPts, timeBase, millis) > AUDIO_WAIT_MS) {
                        finish(closing, timeBase); // the sound stopped coming: what came is kept
                        recorded = true;
                        closing = null;
                    }
                    if (segment != null && key && av_rescale_q(pts - segment.firstPts, timeBase, millis) >= SEGMENT_MS) {
                        clock.segmentEnded(mediaMs - segment.mediaStartMs);
                        if (firstSegment) {
                            segment.startMs = clock.wallOf(segment.mediaStartMs); // its place, now that arrivals tell it
                            firstSegment = false;
                        }
                        Long drift = clock.takeReport();
                        if (drift != null) {
                            VigilLog.LOG.cameraClockDrift(source.cameraId(), drift, mediaMs / 1000,
                                    clock.correctionMs());
                        }
                        segment.cutPts = pts;
                        if (sound != null) {
                            if (closing != null) {
                                finish(closing, timeBase);
                            }
                            closing = segment; // open a little longer for the sound before the cut
                        } else {
                            finish(segment, timeBase);
                        }
                        recorded = true;
                        segment = null;
                    }
                    if (segment == null) {
                        long startMs = clock.wallOf(mediaMs);
                        segment = Segment.open(SpoolFile.inProgress(spool, source.cameraId(), epoch, startMs),
                                stream, sound, pts, dts, startMs);
                        segment.mediaStartMs = mediaMs;
                    }
                    segment.write(packet, pts, dts, timeBase);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (resized != null) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, resized);
            } else if (running()) {
                listener.status(source.cameraId(), CameraStatus.OFFLINE, "the stream ended or stalled");
            }
        } finally {
            if (sound != null && sound.transcoder() != null && (closing != null || segment != null)) {
                writeSoundTail(sound, closing, segment, timeBase);
            }
            if (closing != null) {
                finish(closing, timeBase);
                recorded = true;
            }
            if (segment != null) {
                finish(segment, timeBase);
                recorded = true;
            }
            if (liveFeed != null) {
                liveFeed.close();
            }
            if (analysed != null) {
                analysed.close();
            }
            if (sound != null && sound.live() != null) {
                sound.live().close();
            }
            if (sound != null && sound.transcoder() != null) {
                sound.transcoder().close();
            }
            av_packet_free(packet);
        }
        return recorded;
    }

    /**
     * The camera's sound for live listeners, encoded apart from the segments' (Opus in 10 ms frames)
     * and only while someone listens; otherwise the live feed only hears that sound came.
     */
    private static void offerLiveSound(LiveFeed liveFeed, AudioTranscoder encoder, AVPacket packet, long sessionStart) {
        if (!liveFeed.listened()) {
            liveFeed.soundCame();
            return;
        }
        List<AVPacket> encoded = encoder.transcode(packet);
        try {
            for (AVPacket frame : encoded) {
                long at = frame.pts() != AV_NOPTS_VALUE ? frame.pts() : frame.dts();
                if (at != AV_NOPTS_VALUE) {
                    liveFeed.offerSound(frame, at - sessionStart);
                }
            }
        } finally {
            AudioTranscoder.release(encoded);
        }
    }

    /** The re-encoded sound still held in the transcoder, into the segment each piece belongs to. */
    private static void writeSoundTail(SoundTrack sound, Segment closing, Segment segment, AVRational timeBase) {
        List<AVPacket> tail = sound.transcoder().drain();
        try {
            for (AVPacket packet : tail) {
                long onVideoClock = av_rescale_q(packet.pts(), sound.timeBase(), timeBase);
                Segment target = closing != null && (segment == null || onVideoClock < closing.cutPts) ? closing : segment;
                target.writeAudio(packet, sound.timeBase());
            }
        } catch (RuntimeException e) {
            // the last fraction of a second of sound is lost; the segments are kept
        } finally {
            AudioTranscoder.release(tail);
        }
    }

    /** Whether an MP4 segment can hold this stream's codec as it comes. */
    private static boolean keepable(AVStream audio) {
        return avformat_query_codec(av_guess_format("mp4", null, null), audio.codecpar().codec_id(),
                FF_COMPLIANCE_NORMAL) == 1;
    }

    /**
     * How the camera's sound goes into the segments: as it comes when MP4 holds its codec (AAC, MP3,
     * Opus...), re-encoded to AAC when FFmpeg can decode it (G.711 and other telephone codecs), else
     * not at all (logged once per connection).
     */
    private SoundTrack soundTrack(AVStream audio) {
        String codec = avcodec_get_name(audio.codecpar().codec_id()).getString();
        if (keepable(audio)) {
            return new SoundTrack(audio.index(), audio.time_base(), audio.codecpar(), audio.time_base(), null, null);
        }
        if (AudioTranscoder.canTranscode(audio.codecpar())) {
            try {
                AudioTranscoder transcoder = AudioTranscoder.open(audio);
                VigilLog.LOG.audioReencoded(source.cameraId(), codec);
                return new SoundTrack(audio.index(), audio.time_base(), transcoder.parameters(), transcoder.timeBase(), transcoder,
                        liveEncoder(audio));
            } catch (IllegalStateException e) {
                // falls through: video only
            }
        }
        VigilLog.LOG.audioNotKept(source.cameraId(), codec);
        return null;
    }

    /** The Opus encoder for live listeners, or null: they then get the segments' AAC, later by its frames and look-ahead. */
    private static AudioTranscoder liveEncoder(AVStream audio) {
        try {
            return AudioTranscoder.open(audio, AudioTranscoder.Target.LIVE);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * The camera's sound as the segments take it ({@code inputTimeBase}: as it comes,
     * {@code timeBase}: as stored); {@code transcoder} null when it is kept as it comes;
     * {@code live}, when re-encoded, the encoder for live listeners (else they get the segments' sound).
     */
    private record SoundTrack(int inputIndex, AVRational inputTimeBase, AVCodecParameters parameters, AVRational timeBase,
                              AudioTranscoder transcoder, AudioTranscoder live) {

        AVCodecParameters liveParameters() {
            return live != null ? live.parameters() : parameters;
        }

        AVRational liveTimeBase() {
            return live != null ? live.timeBase() : timeBase;
        }

        /** The packets to store for one packet of the camera's sound. */
        List<AVPacket> packets(AVPacket packet) {
            return transcoder == null ? List.of(packet) : transcoder.transcode(packet);
        }

        void release(List<AVPacket> packets) {
            if (transcoder != null) {
                AudioTranscoder.release(packets);
            }
        }
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
        /** Where it starts on the server's clock; the session's first segment is placed again when it ends. */
        long startMs;
        long mediaStartMs;
        final AVFormatContext output;
        final AVStream stream;
        final AVStream audio;
        final AVRational videoTimeBase;
        long lastPts;
        long lastAudioDts = Long.MIN_VALUE;
        /** Where the next segment begins (video time base); set when the segment is cut. */
        long cutPts = Long.MAX_VALUE;
        int frames;

        private Segment(Path file, AVFormatContext output, AVStream stream, AVStream audio, AVRational videoTimeBase,
                        long firstPts, long firstDts, long startMs) {
            this.file = file;
            this.output = output;
            this.stream = stream;
            this.audio = audio;
            this.videoTimeBase = videoTimeBase;
            this.firstPts = firstPts;
            this.firstDts = firstDts;
            this.startMs = startMs;
            this.lastPts = firstPts;
        }

        static Segment open(Path file, AVStream input, SoundTrack sound, long firstPts, long firstDts, long startMs) {
            AVFormatContext output = new AVFormatContext(null);
            int rc = avformat_alloc_output_context2(output, null, "mp4", file.toString());
            if (rc < 0) {
                throw new IllegalStateException("cannot create an MP4 muxer: " + error(rc));
            }
            AVStream stream = avformat_new_stream(output, null);
            avcodec_parameters_copy(stream.codecpar(), input.codecpar());
            // H.265 as hev1: the camera's parameter sets stay in the stream as they came
            stream.codecpar().codec_tag(input.codecpar().codec_id() == AV_CODEC_ID_HEVC ? CodecString.HEV1_TAG : 0);
            stream.time_base(input.time_base());
            AVStream audio = null;
            if (sound != null) {
                audio = avformat_new_stream(output, null);
                avcodec_parameters_copy(audio.codecpar(), sound.parameters());
                audio.codecpar().codec_tag(0);
                audio.time_base(sound.timeBase());
                // a camera whose sound stops must not hold the pictures back in the muxer for long
                output.max_interleave_delta(500_000);
            }
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
            return new Segment(file, output, stream, audio, input.time_base(), firstPts, firstDts, startMs);
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

        /** Where its pictures end (video time base): its last picture plus an average picture's length. */
        long picturesEnd() {
            return frames > 1 ? lastPts + (lastPts - firstPts) / (frames - 1)
                    : lastPts + av_rescale_q(40, av_make_q(1, 1000), videoTimeBase); // one picture: as long as at 25 fps
        }

        /** Writes one audio packet at its place on the segment's timeline (the video's first dts is 0). */
        void writeAudio(AVPacket packet, AVRational inputTimeBase) {
            long origin = av_rescale_q(firstDts, videoTimeBase, inputTimeBase);
            long pts = (packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts()) - origin;
            long dts = (packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts()) - origin;
            if (dts < 0 || dts <= lastAudioDts) {
                return; // before the segment, or out of order: a sound decoder would stumble on it
            }
            lastAudioDts = dts;
            packet.stream_index(1);
            packet.pts(pts);
            packet.dts(dts);
            packet.pos(-1);
            av_packet_rescale_ts(packet, inputTimeBase, audio.time_base());
            int rc = av_interleaved_write_frame(output, packet);
            if (rc < 0) {
                throw new IllegalStateException("cannot write sound to " + file + ": " + error(rc));
            }
        }

        /**
         * Closes the file; returns its media duration in ms: up to the next segment's first picture
         * when it was cut (so neighbours abut exactly, however unevenly the camera stamps its
         * pictures), else up to its last picture plus an average picture's length.
         */
        long close(AVRational inputTimeBase) {
            av_write_trailer(output);
            avio_closep(output.pb());
            avformat_free_context(output);
            if (cutPts != Long.MAX_VALUE) {
                return av_rescale_q(cutPts - firstPts, inputTimeBase, av_make_q(1, 1000));
            }
            long span = av_rescale_q(lastPts - firstPts, inputTimeBase, av_make_q(1, 1000));
            return frames > 1 ? span + span / (frames - 1) : span;
        }
    }

    private static String error(int code) {
        return FfmpegError.text(code);
    }

}
