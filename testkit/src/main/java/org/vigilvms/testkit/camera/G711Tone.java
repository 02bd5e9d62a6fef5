package org.vigilvms.testkit.camera;

/**
 * The microphone sound of a virtual camera set to G.711: the same {@value AacTone#TONE_HZ} Hz tone
 * as {@link AacTone}, as mu-law (PCMU, RFC 3551 payload type 0) at {@value #SAMPLE_RATE} Hz, in
 * packets of {@value #SAMPLES_PER_PACKET} samples (20 ms), what most IP cameras send. One second
 * (a whole number of periods) is computed once and repeated.
 */
public final class G711Tone {

    public static final int SAMPLE_RATE = 8_000;
    public static final int SAMPLES_PER_PACKET = 160;
    private static final byte[] SECOND = new byte[SAMPLE_RATE];

    static {
        for (int i = 0; i < SAMPLE_RATE; i++) {
            double sample = 0.5 * Math.sin(2 * Math.PI * AacTone.TONE_HZ * i / SAMPLE_RATE);
            SECOND[i] = muLaw((int) Math.round(sample * 32767));
        }
    }

    private G711Tone() {
    }

    /** The payload of packet {@code n} of the endless tone. */
    public static byte[] packet(long n) {
        byte[] payload = new byte[SAMPLES_PER_PACKET];
        int from = (int) (n * SAMPLES_PER_PACKET % SAMPLE_RATE);
        System.arraycopy(SECOND, from, payload, 0, SAMPLES_PER_PACKET); // 8000 is a multiple of 160
        return payload;
    }

    /** ITU-T G.711 mu-law of a 16-bit sample. */
    static byte muLaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 0x84; // bias
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
