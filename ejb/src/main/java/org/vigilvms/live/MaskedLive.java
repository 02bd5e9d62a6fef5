package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.jboss.logging.Logger;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.video.MaskingTranscoder;

/**
 * The masked live stream of one ingest session, or with no mask its H.264 stream made from the
 * camera's H.265 (see {@link LiveStream#h264}): the camera's packets handed over by the
 * recorder's thread (which never waits for it), decoded, masked and encoded again on a thread of
 * its own ({@link MaskingTranscoder}), and muxed for the browsers ({@link LiveMuxer}). The sound,
 * for a stream that carries it, goes through the same queue, so it is muxed in the order it came
 * between the pictures, as it is (never encoded again here). When the encoder falls behind by
 * {@link #MOST_QUEUED} pictures, what is queued is kept and the rest dropped up to the next key
 * picture. A failure ends the masked stream and nothing unmasked is ever sent in its place.
 */
final class MaskedLive implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MaskedLive.class);

    /** Two seconds at 25 fps. */
    static final int MOST_QUEUED = 50;

    static final long CLOSE_WAIT_MS = 2_000;

    /** Room for the pictures and the sound that comes with them (some fifty sound frames a second). */
    private static final int CAPACITY = 4 * MOST_QUEUED;

    private record Item(AVPacket packet, boolean key, boolean sound) {
    }

    private static final Item END = new Item(null, false, false);

    private final LiveStream stream;
    private final List<Region> masks;
    private final LiveHub hub;
    private final AVRational timeBase;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final AtomicInteger picturesQueued = new AtomicInteger();
    /** The sound to mux as it is (this stream's copy, freed by its thread), or null: pictures only. */
    private final AVCodecParameters soundParameters;
    private final AVRational soundTimeBase;
    private final MaskingTranscoder transcoder;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean failed;
    private boolean waitForKey = true;
    /** Encoder side: the muxer once the encoder opened. */
    private LiveMuxer muxer;
    private AVCodecParameters encoded;

    /**
     * Starts the encoding thread for {@code input}'s pictures with {@code masks} burned in; with
     * {@code soundParameters} (and its time base) the stream carries the sound {@link #offerSound offered}.
     */
    MaskedLive(LiveStream stream, AVStream input, List<Region> masks, AVCodecParameters soundParameters, AVRational soundTimeBase,
               LiveHub hub, ThreadFactory threads) {
        this.stream = stream;
        this.masks = List.copyOf(masks);
        this.soundParameters = soundParameters == null ? null : copyOf(soundParameters);
        this.soundTimeBase = soundParameters == null ? null : av_make_q(soundTimeBase.num(), soundTimeBase.den());
        this.hub = hub;
        this.timeBase = av_make_q(input.time_base().num(), input.time_base().den());
        this.transcoder = new MaskingTranscoder(input.codecpar(), timeBase, input.avg_frame_rate(), 0, true, masks, new Output());
        thread = threads.newThread(this::encode);
        thread.setName("live-masked-" + stream.cameraId());
        thread.start();
    }

    List<Region> masks() {
        return masks;
    }

    /** Pictures waiting for the encoder. */
    int queued() {
        return picturesQueued.get();
    }

    boolean hasSound() {
        return soundParameters != null;
    }

    boolean failed() {
        return failed;
    }

    /** One picture packet (times relative to the session, in the input time base); not consumed. */
    void offer(AVPacket packet, long pts, long dts, boolean key) {
        if (closed || failed || (waitForKey && !key)) {
            return;
        }
        AVPacket copy = av_packet_clone(packet);
        copy.pts(pts);
        copy.dts(dts);
        if (picturesQueued.get() >= MOST_QUEUED || !queue.offer(new Item(copy, key, false))) {
            av_packet_free(copy);
            waitForKey = true; // the encoder is behind: resume at a key picture
            return;
        }
        picturesQueued.incrementAndGet();
        waitForKey = false;
    }

    /**
     * One sound packet (its time relative to the session, in the sound's time base); not consumed.
     * Sound before the first picture queued, or while the queue is full, is left out.
     */
    void offerSound(AVPacket packet, long pts) {
        if (closed || failed || soundParameters == null || waitForKey) {
            return;
        }
        AVPacket copy = av_packet_clone(packet);
        copy.pts(pts);
        copy.dts(pts);
        if (!queue.offer(new Item(copy, false, true))) {
            av_packet_free(copy);
        }
    }

    private void encode() {
        try {
            while (true) {
                Item item = queue.poll(1, TimeUnit.SECONDS);
                if (item == END || closed) {
                    if (item != null && item.packet() != null) {
                        av_packet_free(item.packet());
                    }
                    break;
                }
                if (item != null) {
                    try {
                        if (!item.sound()) {
                            picturesQueued.decrementAndGet();
                            transcoder.send(item.packet());
                        } else if (muxer != null) {
                            muxer.writeSound(item.packet(), item.packet().pts(), soundTimeBase);
                        }
                    } finally {
                        av_packet_free(item.packet());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            LOG.warnf("the re-encoded live stream %s ended: %s", stream, e.getMessage());
        } finally {
            Item left;
            while ((left = queue.poll()) != null) {
                if (left.packet() != null) {
                    av_packet_free(left.packet());
                }
            }
            transcoder.close();
            if (muxer != null) {
                muxer.close();
            }
            if (encoded != null) {
                avcodec_parameters_free(encoded);
            }
            if (soundParameters != null) {
                avcodec_parameters_free(soundParameters);
            }
        }
    }

    private static AVCodecParameters copyOf(AVCodecParameters parameters) {
        AVCodecParameters copy = avcodec_parameters_alloc();
        avcodec_parameters_copy(copy, parameters);
        return copy;
    }

    /** The encoder's side: opens the muxer with the encoder's parameters, then passes its packets on. */
    private final class Output implements MaskingTranscoder.Output {
        @Override
        public void opened(AVCodecContext encoder) {
            encoded = avcodec_parameters_alloc();
            avcodec_parameters_from_context(encoded, encoder);
            muxer = LiveMuxer.open(stream, encoded, timeBase, soundParameters, soundTimeBase, hub);
        }

        @Override
        public void packet(AVPacket packet) {
            muxer.write(packet, packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0, timeBase);
        }
    }

    /**
     * Ends the stream: the encoding thread encodes nothing more, frees everything and closes the
     * muxer; waits (briefly: at most the picture being encoded) until it has, so that a masked
     * stream started next does not meet this one's end.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.offer(END); // when full, the thread sees closed at its next item
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("the re-encoded live stream %s is still ending after %d ms", stream, CLOSE_WAIT_MS);
        }
    }
}
