package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.jms.analytics.Region;

/**
 * Live view of one ingest session of a camera's main stream or sub-stream: its {@link LiveStream}s
 * (pictures only; pictures with the sound, main stream only; each of these with privacy masks,
 * and for an H.265 camera as H.264, encoded again by {@link MaskedLive}), each made only while it
 * is wanted ({@link LiveHub#wanted}: a viewer, or a live snapshot asked for lately). The packets
 * since the latest keyframe are kept by reference (no copy of the data), so a stream that opens
 * starts at that keyframe at once. The sound (AAC, or Opus encoded by the recorder only while
 * someone listens: {@link #listened}) goes along while it comes; when it stops for
 * {@link #SOUND_LAPSE_MS} with the pictures still coming, each stream with sound restarts at the
 * next keyframe with pictures only for the rest of the session, since a browser plays a stream
 * only as far as all its tracks reach. Used by the recorder's thread only.
 */
public final class LiveFeed implements AutoCloseable {

    /** How long a stream keeps running after its last viewer left (a page reload, a layout change). */
    static final long LINGER_MS = 10_000;

    /** Sound that has not come for this long (wall time) while the pictures come is taken as stopped. */
    static final long SOUND_LAPSE_MS = 2_000;

    private record Kept(AVPacket packet, long pts, long dts, boolean key) {
    }

    /** One live stream of the session and its muxer while it runs. */
    private static final class Output {
        final LiveStream stream;
        LiveMuxer muxer;
        long lastWantedMs;

        Output(LiveStream stream) {
            this.stream = stream;
        }

        void close() {
            if (muxer != null) {
                muxer.close();
                muxer = null;
            }
        }
    }

    private final long cameraId;
    /** Whether this is the camera's sub-stream (pictures only) rather than its main stream. */
    private final boolean sub;
    private final AVStream stream;
    /** The sound as the recorder stores it (AAC), or null: the streams carry pictures only. */
    private final AVCodecParameters soundParameters;
    private final AVRational soundTimeBase;
    private final LiveHub hub;
    private final List<Output> outputs;
    private final List<Kept> sinceKey = new ArrayList<>();
    private final List<Kept> soundSinceKey = new ArrayList<>();
    /** The streams encoded again: the masked ones, and for H.265 the H.264 ones (each with sound and without, main stream). */
    private final List<Reencoded> reencoded;
    private boolean broken;
    private boolean soundStopped;
    private long lastSoundMs;

    /**
     * {@code sub}: the camera's sub-stream, whose live streams carry pictures only;
     * {@code soundParameters}: the sound track for live listeners (AAC as the recorder stores it,
     * or Opus encoded for them), or null; no other codec goes live.
     */
    public LiveFeed(long cameraId, boolean sub, AVStream stream, AVCodecParameters soundParameters, AVRational soundTimeBase,
                    LiveHub hub) {
        this.cameraId = cameraId;
        this.sub = sub;
        this.stream = stream;
        boolean playable = soundParameters != null
                && (soundParameters.codec_id() == AV_CODEC_ID_AAC || soundParameters.codec_id() == AV_CODEC_ID_OPUS);
        this.soundParameters = playable ? soundParameters : null;
        this.soundTimeBase = playable ? soundTimeBase : null;
        this.hub = hub;
        LiveStream pictures = sub ? LiveStream.sub(cameraId) : LiveStream.pictures(cameraId);
        List<LiveStream> plain = sub ? List.of(pictures) : List.of(pictures, LiveStream.withSound(cameraId));
        this.outputs = plain.stream().map(Output::new).toList();
        boolean h265 = stream.codecpar().codec_id() == AV_CODEC_ID_HEVC;
        List<Reencoded> forms = new ArrayList<>();
        for (LiveStream source : plain) {
            forms.add(new Reencoded(source.maskedForm()));
            if (h265) {
                forms.add(new Reencoded(source.h264Form()));
            }
        }
        this.reencoded = List.copyOf(forms);
        hub.streamStarted(cameraId, sub, stream.codecpar().width(), h265);
    }

    /** One video packet (times relative to the session, in the input time base); the packet is not consumed. */
    public void offer(AVPacket packet, long pts, long dts, boolean key, AVRational timeBase) {
        if (broken) {
            return;
        }
        if (key) {
            release();
        }
        if ((key || !sinceKey.isEmpty()) && sinceKey.size() < LiveHub.MAX_CACHED) { // a live stream starts at a keyframe
            sinceKey.add(new Kept(av_packet_clone(packet), pts, dts, key));
        }
        long now = System.currentTimeMillis();
        if (lastSoundMs > 0 && now - lastSoundMs > SOUND_LAPSE_MS) {
            soundStopped = true;
        }
        boolean soundComing = soundParameters != null && !soundStopped && lastSoundMs > 0;
        try {
            for (Output output : outputs) {
                offer(output, packet, pts, dts, key, timeBase, output.stream.sound() && soundComing, now);
            }
            for (Reencoded output : reencoded) {
                output.offer(packet, pts, dts, key, output.live.sound() && soundComing, now);
            }
        } catch (RuntimeException e) {
            fail(); // live view of this session ends; recording goes on
        }
    }

    private void offer(Output output, AVPacket packet, long pts, long dts, boolean key, AVRational timeBase, boolean sound,
                       long now) {
        if (output.muxer != null && restartForSound(output.muxer.hasSound(), sound, key)) {
            output.close();
        }
        if (hub.wanted(output.stream)) {
            output.lastWantedMs = now;
            if (output.muxer == null && !sinceKey.isEmpty()) {
                output.muxer = LiveMuxer.open(output.stream, stream, sound ? soundParameters : null, soundTimeBase, hub);
                for (Kept kept : sinceKey) { // this packet is the newest of them
                    output.muxer.write(kept.packet(), kept.pts(), kept.dts(), kept.key(), timeBase);
                }
                for (Kept kept : soundSinceKey) {
                    output.muxer.writeSound(kept.packet(), kept.pts(), soundTimeBase);
                }
                return;
            }
        } else if (output.muxer != null && now - output.lastWantedMs > LINGER_MS) {
            output.close();
        }
        if (output.muxer != null) {
            output.muxer.write(packet, pts, dts, key, timeBase);
        }
    }

    /**
     * Whether a running stream that {@code has} sound starts again because the sound is now
     * {@code coming} or not: the sound stopped, so pictures only from the next keyframe on; the
     * sound started (the stream opened before it came), so again with sound from this keyframe.
     * Viewers get the new stream.
     */
    private static boolean restartForSound(boolean has, boolean coming, boolean key) {
        return has != coming && (key || has);
    }

    /**
     * A stream encoded again while wanted ({@link MaskedLive}): the masked one with the masks the
     * hub holds, the H.264 one with none; changed masks, an encoder that failed, or sound that
     * started or stopped (as for {@link Output}) start it again at a key picture.
     */
    private final class Reencoded {
        private final LiveStream live;
        private MaskedLive encoder;
        private long wantedMs;

        Reencoded(LiveStream live) {
            this.live = live;
        }

        void offer(AVPacket packet, long pts, long dts, boolean key, boolean sound, long now) {
            if (hub.wanted(live)) {
                wantedMs = now;
                List<Region> masks = live.masked() ? hub.masks(cameraId).orElse(null) : List.of();
                if (encoder != null && (key && (encoder.failed() || !encoder.masks().equals(masks))
                        || restartForSound(encoder.hasSound(), sound, key))) {
                    close();
                }
                if (encoder == null && masks != null && !sinceKey.isEmpty()) {
                    encoder = new MaskedLive(live, stream, masks, sound ? soundParameters : null, soundTimeBase, hub,
                            hub.threadFactory());
                    for (Kept kept : sinceKey) { // this packet is the newest of them
                        encoder.offer(kept.packet(), kept.pts(), kept.dts(), kept.key());
                    }
                    for (Kept kept : soundSinceKey) {
                        encoder.offerSound(kept.packet(), kept.pts());
                    }
                    return;
                }
            } else if (encoder != null && now - wantedMs > LINGER_MS) {
                close();
            }
            if (encoder != null) {
                encoder.offer(packet, pts, dts, key);
            }
        }

        void offerSound(AVPacket packet, long pts) {
            if (encoder != null && encoder.hasSound()) {
                encoder.offerSound(packet, pts);
            }
        }

        /** Whether it carries the sound, or will once it comes: wanted or still running. */
        boolean listened() {
            return live.sound() && (hub.wanted(live) || encoder != null);
        }

        void close() {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        }
    }

    /**
     * One sound packet of the track given at construction (its time relative to the session, in
     * that track's time base); the packet is not consumed.
     */
    public void offerSound(AVPacket packet, long pts) {
        if (broken || soundParameters == null || soundStopped) {
            return;
        }
        lastSoundMs = System.currentTimeMillis();
        if (!sinceKey.isEmpty() && soundSinceKey.size() < LiveHub.MAX_CACHED) {
            soundSinceKey.add(new Kept(av_packet_clone(packet), pts, pts, true));
        }
        try {
            for (Output output : outputs) {
                if (output.muxer != null) {
                    output.muxer.writeSound(packet, pts, soundTimeBase); // a stream without sound ignores it
                }
            }
            for (Reencoded output : reencoded) {
                output.offerSound(packet, pts);
            }
        } catch (RuntimeException e) {
            fail();
        }
    }

    /** Whether someone listens: a stream with sound (as sent, masked or as H.264) is wanted or still running. */
    public boolean listened() {
        return !sub && (hub.wanted(LiveStream.withSound(cameraId)) || outputs.get(1).muxer != null
                || reencoded.stream().anyMatch(Reencoded::listened));
    }

    /**
     * Sound came that is not offered (nobody listens, so it was not encoded for live): the
     * stream with sound still knows the camera sends it, and carries it from its first listener on.
     */
    public void soundCame() {
        if (!broken && soundParameters != null && !soundStopped) {
            lastSoundMs = System.currentTimeMillis();
        }
    }

    private void fail() {
        broken = true;
        outputs.forEach(Output::close);
        reencoded.forEach(Reencoded::close);
    }

    private void release() {
        for (List<Kept> kept : List.of(sinceKey, soundSinceKey)) {
            kept.forEach(k -> av_packet_free(k.packet()));
            kept.clear();
        }
    }

    @Override
    public void close() {
        hub.streamEnded(cameraId, sub);
        release();
        outputs.forEach(Output::close);
        reencoded.forEach(Reencoded::close);
    }
}
