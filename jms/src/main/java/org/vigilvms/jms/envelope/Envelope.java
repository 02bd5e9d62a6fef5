package org.vigilvms.jms.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message on the backbone: who produced it, when, its place in the producer's sequence,
 * where it was sent, what it is, the payload, and a signature over all of these.
 *
 * <p>The destination is signed too, so a valid message cannot be re-routed to a destination its
 * producer never addressed. {@code epoch} is a random id a producer draws at start; the sequence
 * counts from 1 within it, so (producer, epoch, sequence) names a message once and for all.
 */
public record Envelope(String destination, String type, String producer, String epoch, long sequence,
                       long sentAtMs, byte[] payload, byte[] signature) {

    private static final String FORMAT = "vigil-envelope/1";

    public Envelope {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        payload = payload.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The same message carrying another signature (used when sealing). */
    Envelope withSignature(byte[] newSignature) {
        return new Envelope(destination, type, producer, epoch, sequence, sentAtMs, payload, newSignature);
    }

    /**
     * The exact bytes the signature covers: every field, length-prefixed, so no two different
     * messages share an encoding.
     */
    public byte[] signedBytes() {
        return signedBytes(destination, type, producer, epoch, sequence, sentAtMs, payload);
    }

    static byte[] signedBytes(String destination, String type, String producer, String epoch, long sequence,
                              long sentAtMs, byte[] payload) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 128);
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(destination);
            out.writeUTF(type);
            out.writeUTF(producer);
            out.writeUTF(epoch);
            out.writeLong(sequence);
            out.writeLong(sentAtMs);
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope other
                && destination.equals(other.destination) && type.equals(other.type)
                && producer.equals(other.producer) && epoch.equals(other.epoch)
                && sequence == other.sequence && sentAtMs == other.sentAtMs
                && Arrays.equals(payload, other.payload) && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(producer, epoch, sequence);
    }

    @Override
    public String toString() {
        return "Envelope[" + type + " from " + producer + " #" + epoch + "/" + sequence + " to " + destination + "]";
    }
}
