package org.vigilvms.messaging;

/**
 * How many messages a drain takes next, and how long it rests first. Normally a full batch, so
 * that one transaction carries many messages. After a batch failed (and was rolled back), the
 * next {@code most} messages are taken one at a time, so that a message that cannot be processed
 * costs only its own transaction while the broker counts its attempts; failures in a row make
 * the drain rest, doubling from 100 ms up to 5 s, so that a database outage is not a busy loop.
 */
public final class DrainPace {

    static final long FIRST_PAUSE_MS = 100;
    static final long LONGEST_PAUSE_MS = 5_000;

    private final int most;
    private int singlesLeft;
    private int failuresInARow;

    public DrainPace(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("a drain takes at least one message, not " + most);
        }
        this.most = most;
    }

    /** How many messages the next drain may take. */
    public int next() {
        return singlesLeft > 0 ? 1 : most;
    }

    /** The last drain committed {@code taken} messages. */
    public void took(int taken) {
        failuresInARow = 0;
        singlesLeft = Math.max(0, singlesLeft - taken);
    }

    /** The last drain was rolled back. */
    public void failed() {
        failuresInARow++;
        singlesLeft = most;
    }

    /** How long to rest before the next drain. */
    public long pauseMs() {
        if (failuresInARow == 0) {
            return 0;
        }
        return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(failuresInARow - 1, 16));
    }
}
