package org.vigilvms.jms.envelope;

/** Why a consumer refused a message. Each one is logged and audited with the claimed producer. */
public enum Rejection {
    /** Properties missing or unreadable: not a Vigil envelope at all. */
    MALFORMED,
    /** No public key is registered for the producer the message claims. */
    UNKNOWN_PRODUCER,
    /** The signature does not verify: forged, or altered after signing. */
    BAD_SIGNATURE,
    /** Signed for another destination than the one it arrived on. */
    WRONG_DESTINATION,
    /** Older than the freshness window: a late replay or a stuck producer. */
    STALE,
    /** Stamped too far in the future: a producer with a wrong clock or a forged time. */
    FROM_FUTURE,
    /** (producer, epoch, sequence) was already accepted once. */
    REPLAYED,
    /** Genuine, but not a message type this destination carries. */
    UNEXPECTED_TYPE,
    /** Genuine, but from a service (or no service of ours) that does not send to this destination. */
    NOT_ITS_DESTINATION,
    /** Genuine, but it speaks for another node than the one that signed it. */
    WRONG_NODE
}
