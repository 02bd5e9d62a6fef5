package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.vigilvms.video.CodecString;

/**
 * The second, in-memory muxer of one ingest session: the same packets the recorder stores,
 * written as fragmented MP4 with one fragment per frame (for Media Source Extensions in
 * browsers), handed to the {@link LiveHub} fragment by fragment. The camera's sound goes along
 * when it is AAC (as the camera sends it, or as the recorder re-encoded it) or Opus (encoded for
 * live listeners); each sound packet is a fragment of its own. Never decodes: the masked stream's pictures come encoded already
 * ({@link MaskedLive}).
 */
public final class LiveMuxer implements AutoCloseable {

    private static final int IO_BUFFER = 64 * 1024;
    /** AVFMT_FLAG_CUSTOM_IO of libavformat (not exported by the JavaCPP presets): we own the AVIOContext. */
    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;
    /** One native callback for all muxers (JavaCPP callbacks are few): the opaque pointer says which. */
    private static final Map<Long, LiveMuxer> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final Write_packet_Pointer_BytePointer_int WRITE = new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            LiveMuxer muxer = BY_OPAQUE.get(opaque.address());
            if (muxer != null && size > 0) {
                byte[] bytes = new byte[size];
                buffer.position(0).get(bytes, 0, size);
                muxer.pending.write(bytes, 0, size);
            }
            return size;
        }
    };

    private final LiveStream live;
    private final LiveHub hub;
    private final LongPointer opaque = new LongPointer(1);
    private final AVFormatContext output;
    private final AVStream stream;
    /** The sound's output stream, or null for pictures only. */
    private final AVStream sound;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** A packet written whose fragment is not out yet: whether it is a key picture, and how long it lasts. */
    private record Written(boolean key, long lasts) {
    }

    private final ArrayDeque<Written> written = new ArrayDeque<>();
    private AVIOContext io;
    private long origin = Long.MIN_VALUE;
    private AVRational originTimeBase;
    private long lastSoundDts = Long.MIN_VALUE;
    /** The pictures' recent steps, for the duration each is written with (set once the header fixed the time base). */
    private PictureSteps steps;
    /** The last sound frame's duration (sound time base), for a frame that comes without one. */
    private long lastSoundStep;

    private LiveMuxer(LiveStream live, LiveHub hub, AVFormatContext output, AVStream stream, AVStream sound) {
        this.live = live;
        this.hub = hub;
        this.output = output;
        this.stream = stream;
        this.sound = sound;
    }

    /**
     * Starts one live stream of an ingest session and publishes its initialisation segment; with
     * {@code soundParameters} (AAC) it carries the sound too.
     */
    public static LiveMuxer open(LiveStream live, AVStream input, AVCodecParameters soundParameters, AVRational soundTimeBase,
                                 LiveHub hub) {
        return open(live, input.codecpar(), input.time_base(), soundParameters, soundTimeBase, hub);
    }

    /** {@link #open(LiveStream, AVStream, AVCodecParameters, AVRational, LiveHub)} for pictures described by their parameters. */
    public static LiveMuxer open(LiveStream live, AVCodecParameters pictures, AVRational timeBase, AVCodecParameters soundParameters,
                                 AVRational soundTimeBase, LiveHub hub) {
        AVFormatContext output = new AVFormatContext(null);
        if (avformat_alloc_output_context2(output, null, "mp4", null) < 0) {
            throw new IllegalStateException("cannot create the live MP4 muxer");
        }
        AVStream stream = avformat_new_stream(output, null);
        avcodec_parameters_copy(stream.codecpar(), pictures);
        stream.codecpar().codec_tag(pictures.codec_id() == AV_CODEC_ID_HEVC ? CodecString.HEV1_TAG : 0);
        stream.time_base(timeBase);
        AVStream sound = null;
        if (soundParameters != null) {
            sound = avformat_new_stream(output, null);
            avcodec_parameters_copy(sound.codecpar(), soundParameters);
            sound.codecpar().codec_tag(0);
            sound.time_base(soundTimeBase);
        }
        LiveMuxer muxer = new LiveMuxer(live, hub, output, stream, sound);
        BY_OPAQUE.put(muxer.opaque.address(), muxer);
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER)).capacity(IO_BUFFER);
        muxer.io = avio_alloc_context(buffer, IO_BUFFER, 1, muxer.opaque, (Read_packet_Pointer_BytePointer_int) null,
                WRITE, (Seek_Pointer_long_int) null);
        output.pb(muxer.io);
        output.flags(output.flags() | AVFMT_FLAG_CUSTOM_IO);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "frag_every_frame+empty_moov+default_base_moof", 0);
        av_dict_set(options, "flush_packets", "1", 0);
        int rc = avformat_write_header(output, options);
        av_dict_free(options);
        if (rc < 0) {
            muxer.close();
            throw new IllegalStateException("cannot start the live MP4 stream (" + rc + ")");
        }
        avio_flush(output.pb());
        AVRational rate = pictures.framerate(); // the first picture's duration, until steps are seen
        muxer.steps = new PictureSteps(av_rescale_q(1, rate != null && rate.num() > 0 && rate.den() > 0
                ? av_make_q(rate.den(), rate.num()) : av_make_q(1, 25), stream.time_base()));
        String codecs = codecString(pictures) + (soundParameters != null ? "," + soundCodecString(soundParameters) : "");
        hub.start(live, codecs, muxer.take());
        return muxer;
    }

    public boolean hasSound() {
        return sound != null;
    }

    /**
     * Adds one packet (in the input time base; the live stream starts at the first packet's dts,
     * whenever in the session the muxer opened); the packet is not consumed.
     */
    public void write(AVPacket packet, long pts, long dts, boolean key, AVRational inputTimeBase) {
        if (origin == Long.MIN_VALUE) {
            origin = dts;
            originTimeBase = av_make_q(inputTimeBase.num(), inputTimeBase.den());
        }
        mux(retimed(packet, stream, pts - origin, dts - origin, inputTimeBase), key);
    }

    /**
     * Adds one sound packet (its time relative to the session, in {@code inputTimeBase}); sound
     * from before the live stream's first picture, or not after the previous sound, is left out.
     * The packet is not consumed.
     */
    public void writeSound(AVPacket packet, long pts, AVRational inputTimeBase) {
        if (sound == null || origin == Long.MIN_VALUE) {
            return;
        }
        long at = pts - av_rescale_q(origin, originTimeBase, inputTimeBase);
        if (at < 0 || at <= lastSoundDts) {
            return;
        }
        lastSoundDts = at;
        mux(retimed(packet, sound, at, at, inputTimeBase), false);
    }

    private static AVPacket retimed(AVPacket packet, AVStream to, long pts, long dts, AVRational inputTimeBase) {
        AVPacket copy = av_packet_clone(packet);
        copy.stream_index(to.index());
        copy.pts(pts);
        copy.dts(dts);
        copy.pos(-1);
        av_packet_rescale_ts(copy, inputTimeBase, to.time_base());
        return copy;
    }

    /**
     * Writes the packet at once as a fragment of its own, without waiting for the next one to
     * give its duration. A sound frame lasts as long as it says (the encoder's, exact); a picture
     * as the longest step between the stream's recent pictures ({@link PictureSteps}: what a
     * camera's demuxer puts into a picture's duration is a guess from an estimated frame rate).
     * The fragment's start (tfdt) is the packet's own time, not the sum of the durations before
     * it (the muxer is told each packet starts anew), so the picture and the sound never drift
     * apart. FFmpeg gets each sample one tick long, since it would move a sample that starts
     * before the previous one ends; the real duration goes into the fragment afterwards
     * ({@link FragmentDuration}).
     */
    private void mux(AVPacket copy, boolean key) {
        try {
            long lasts;
            if (copy.stream_index() == stream.index()) {
                lasts = steps.after(copy.dts());
            } else {
                lasts = copy.duration() > 0 ? copy.duration() : Math.max(1, lastSoundStep);
                lastSoundStep = lasts;
            }
            copy.duration(1);
            written.add(new Written(key, lasts));
            if (av_opt_set(output.priv_data(), "movflags", "+frag_discont", 0) < 0
                    || av_write_frame(output, copy) < 0 || av_write_frame(output, null) < 0) { // null: the fragment out now
                throw new IllegalStateException("live muxer refused a packet");
            }
            avio_flush(output.pb());
        } finally {
            av_packet_free(copy);
        }
        publishFragments();
    }

    /** Splits what the muxer wrote into whole moof+mdat fragments, each marked key or not and given its duration. */
    private void publishFragments() {
        byte[] bytes = pending.toByteArray();
        int position = 0;
        int fragmentStart = -1;
        while (position + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, position, 4).getInt());
            String type = new String(bytes, position + 4, 4, StandardCharsets.US_ASCII);
            if (size < 8 || position + size > bytes.length) {
                break; // incomplete: wait for the rest
            }
            if (type.equals("moof")) {
                fragmentStart = position;
            }
            position += (int) size;
            if (type.equals("mdat") && fragmentStart >= 0) {
                byte[] fragment = Arrays.copyOfRange(bytes, fragmentStart, position);
                Written packet = written.poll();
                if (packet != null) {
                    FragmentDuration.set(fragment, packet.lasts());
                }
                hub.fragment(live, fragment, packet != null && packet.key());
                fragmentStart = -1;
            }
        }
        int keep = fragmentStart >= 0 ? fragmentStart : position;
        pending.reset();
        pending.write(bytes, keep, bytes.length - keep);
    }

    private byte[] take() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return bytes;
    }

    /** The RFC 6381 codec string browsers need, e.g. avc1.42e01e or hev1.1.6.L93.B0 ({@link CodecString}). */
    static String codecString(AVCodecParameters pictures) {
        int size = pictures.extradata_size();
        byte[] extra = new byte[Math.max(size, 0)];
        if (size > 0) {
            pictures.extradata().get(extra);
        }
        return CodecString.of(pictures.codec_id() == AV_CODEC_ID_HEVC, extra);
    }

    /**
     * The RFC 6381 string of the sound: "opus", or for AAC e.g. mp4a.40.2, its audio object type
     * from the AudioSpecificConfig (the first five bits), else from the profile.
     */
    static String soundCodecString(AVCodecParameters sound) {
        if (sound.codec_id() == AV_CODEC_ID_OPUS) {
            return "opus";
        }
        int size = sound.extradata_size();
        if (size > 0 && sound.extradata() != null) {
            int objectType = (sound.extradata().get(0) & 0xff) >> 3;
            if (objectType > 0 && objectType < 31) {
                return "mp4a.40." + objectType;
            }
        }
        return "mp4a.40." + (sound.profile() >= 0 ? sound.profile() + 1 : 2); // FF_PROFILE_AAC_LOW (1) is object type 2
    }

    private boolean closed;

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BY_OPAQUE.remove(opaque.address());
        if (io != null) {
            AVIOContext context = io;
            io = null;
            output.pb(null);
            av_free(context.buffer());
            context.buffer(null);
            avio_context_free(context);
        }
        avformat_free_context(output);
        opaque.close();
        hub.stop(live);
    }
}
