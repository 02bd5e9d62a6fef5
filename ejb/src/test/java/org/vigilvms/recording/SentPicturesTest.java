package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigilvms.video.PictureSize;

/**
 * A session's pictures as the camera sends them: the SDP describes 640x360 (as FFmpeg keeps an
 * SDP's sets, Annex B), while the key pictures carry their own parameter sets.
 */
class SentPicturesTest {

    private static final HexFormat HEX = HexFormat.of();
    /** SPSs Debian's libx264 wrote (as in PictureSizeTest), a PPS, and the start of an IDR slice. */
    private static final String SPS_640X360 = "6764001eacd940a02ff97011000003000100000300320f162d96";
    private static final String SPS_480X270 = "67640015acd941e08feb011000000300100000030320f162d960";
    private static final String PPS = "68ebe3cb22c0";
    private static final String SLICE = "65888400337ffe";
    private static final String START = "00000001";

    private final AVCodecParameters parameters = avcodec_parameters_alloc();
    private final AVPacket packet = av_packet_alloc();

    @AfterEach
    void free() {
        avcodec_parameters_free(parameters);
        av_packet_free(packet);
    }

    private void describedBySdp(String sps) {
        byte[] sets = HEX.parseHex(START + sps + START + PPS);
        BytePointer extradata = new BytePointer(av_mallocz(sets.length + AV_INPUT_BUFFER_PADDING_SIZE)).capacity(sets.length);
        extradata.put(sets);
        parameters.codec_id(AV_CODEC_ID_H264);
        parameters.extradata(extradata);
        parameters.extradata_size(sets.length);
        parameters.width(640);
        parameters.height(360);
    }

    private AVPacket keyPicture(String... units) {
        StringBuilder hex = new StringBuilder();
        for (String unit : units) {
            hex.append(START).append(unit);
        }
        byte[] data = HEX.parseHex(hex);
        av_packet_unref(packet);
        av_new_packet(packet, data.length);
        packet.data().put(data);
        return packet;
    }

    private byte[] extradata() {
        byte[] bytes = new byte[parameters.extradata_size()];
        parameters.extradata().get(bytes);
        return bytes;
    }

    @Test
    void aStaleSdpGivesWayToTheSetsOfTheFirstKeyPictureAndTheSessionHoldsToTheirSize() {
        describedBySdp(SPS_640X360);
        SentPictures sent = new SentPictures(7, parameters);
        assertNull(sent.keyPicture(keyPicture("0910", SPS_480X270, PPS, SLICE)), "the first key picture sets the session up");
        assertArrayEquals(HEX.parseHex(START + SPS_480X270 + START + PPS), extradata(), "described by the picture's own sets");
        assertEquals(480, parameters.width());
        assertEquals(270, parameters.height());
        assertEquals(new PictureSize(480, 270), sent.announced());
        // later key pictures: the same size goes on, another ends the session; one without an SPS tells nothing
        assertNull(sent.keyPicture(keyPicture(SPS_480X270, PPS, SLICE)));
        assertNull(sent.keyPicture(keyPicture(SLICE)));
        assertEquals(new PictureSize(640, 360), sent.keyPicture(keyPicture(SPS_640X360, PPS, SLICE)));
    }

    @Test
    void anSdpThatDescribesThePicturesOrAKeyPictureWithoutSetsLeavesTheDescriptionAsItIs() {
        describedBySdp(SPS_640X360);
        byte[] before = extradata();
        SentPictures sent = new SentPictures(7, parameters);
        assertNull(sent.keyPicture(keyPicture(SPS_640X360, PPS, SLICE)));
        assertArrayEquals(before, extradata());
        assertEquals(new PictureSize(640, 360), sent.announced());

        SentPictures inBandLater = new SentPictures(7, parameters);
        assertNull(inBandLater.keyPicture(keyPicture(SLICE)), "sets only in the SDP, as most cameras send");
        assertArrayEquals(before, extradata());
        assertEquals(new PictureSize(480, 270), inBandLater.keyPicture(keyPicture(SPS_480X270, PPS, SLICE)));
    }
}
