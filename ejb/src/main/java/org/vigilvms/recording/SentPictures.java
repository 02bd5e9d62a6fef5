package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.video.ParameterSets;
import org.vigilvms.video.PictureSize;

/**
 * The pictures of one session of a camera stream (main or sub-stream) as the camera sends them,
 * read from its key pictures: at the first, the stream's parameters take the parameter sets it
 * carries where the description (the SDP) differs, so segments, live view and analytics describe
 * the pictures as they are (a camera whose SDP lags its configuration, logged when the sizes
 * differ); at a later one, a size other than the one the session was set up for is a change the
 * session cannot follow.
 */
final class SentPictures {

    /** How far into a key picture its parameter sets are looked for (they come first, after at most a delimiter and SEI). */
    private static final int PARAMETER_SETS_WITHIN = 4096;

    private final long cameraId;
    private final AVCodecParameters parameters;
    private final boolean hevc;
    private final byte[] head = new byte[PARAMETER_SETS_WITHIN];
    /** The size the session is set up for. */
    private PictureSize announced;
    private boolean first = true;

    /** {@code parameters}: the stream's, as opened from its description; changed at the first key picture where it differs. */
    SentPictures(long cameraId, AVCodecParameters parameters) {
        this.cameraId = cameraId;
        this.parameters = parameters;
        this.hevc = parameters.codec_id() == AV_CODEC_ID_HEVC;
        this.announced = new PictureSize(parameters.width(), parameters.height());
    }

    /** The size the session is set up for. */
    PictureSize announced() {
        return announced;
    }

    /**
     * A key picture of the session: null while its size is the one the session is set up for (or
     * cannot be read), else the size it changed to.
     */
    PictureSize keyPicture(AVPacket packet) {
        if (!first && announced.width() <= 0) {
            return null; // no size to hold the stream to
        }
        int length = Math.min(packet.size(), head.length);
        packet.data().get(head, 0, length);
        if (first) {
            first = false;
            describeAsSent(length, length == packet.size());
            return null;
        }
        PictureSize sent = PictureSize.inAccessUnit(hevc, head, length);
        return sent != null && !sent.equals(announced) ? sent : null;
    }

    private void describeAsSent(int length, boolean whole) {
        byte[] sets = ParameterSets.inAccessUnit(hevc, head, length, whole);
        byte[] described = extradata();
        if (sets == null || Arrays.equals(sets, described)) {
            return;
        }
        PictureSize was = PictureSize.inAccessUnit(hevc, described, described.length);
        PictureSize sent = PictureSize.inAccessUnit(hevc, sets, sets.length);
        if (was != null && sent != null && !sent.equals(was)) {
            VigilLog.LOG.staleDescription(cameraId, was.toString(), sent.toString());
        }
        BytePointer extradata = new BytePointer(av_mallocz(sets.length + AV_INPUT_BUFFER_PADDING_SIZE)).capacity(sets.length);
        extradata.put(sets);
        av_free(parameters.extradata());
        parameters.extradata(extradata);
        parameters.extradata_size(sets.length);
        if (sent != null) {
            parameters.width(sent.width());
            parameters.height(sent.height());
            announced = sent;
        }
    }

    /** The stream's extradata: for an RTSP camera, the SDP's parameter sets in Annex B form. */
    private byte[] extradata() {
        byte[] bytes = new byte[Math.max(parameters.extradata_size(), 0)];
        if (bytes.length > 0) {
            parameters.extradata().get(bytes);
        }
        return bytes;
    }
}
