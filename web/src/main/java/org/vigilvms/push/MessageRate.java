package org.vigilvms.push;

import org.vigilvms.platform.TokenBucket;

/**
 * How many messages a browser may send on a live or alarm socket: the server sends, the browser
 * only listens, so a client that sends more than a few messages a second is misbehaving and is
 * cut off instead of keeping a server thread busy: {@link #BURST} at once, then
 * {@link #PER_SECOND} a second.
 */
final class MessageRate {

    static final double BURST = 20;
    static final double PER_SECOND = 5;

    private MessageRate() {
    }

    static TokenBucket start() {
        return new TokenBucket(BURST, PER_SECOND, System.nanoTime());
    }
}
