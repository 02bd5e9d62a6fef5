package org.vigilvms.recording;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A camera stream pulled on a thread of its own until stopped: one connection after another,
 * quickly again after one that delivered video, otherwise with a backoff that doubles up to
 * {@code maxBackoffMs}. A stop does not wait out the backoff. The main stream's ingest and the
 * sub-stream's share it.
 */
abstract class ReconnectingPull implements Runnable {

    private static final long FIRST_BACKOFF_MS = 1000;

    private final long maxBackoffMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    ReconnectingPull(long maxBackoffMs) {
        this.maxBackoffMs = maxBackoffMs;
    }

    /** One connection, until it ends or the pull stops; true when video came. */
    abstract boolean connectOnce();

    /** A connection failed in a way it did not report itself. */
    abstract void failed(RuntimeException e);

    final boolean running() {
        return running;
    }

    final void stop() {
        running = false;
    }

    /** Waits until {@link #run} has returned (its connection and outputs closed); false on timeout. */
    final boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public final void run() {
        try {
            long backoff = FIRST_BACKOFF_MS;
            while (running) {
                try {
                    if (connectOnce()) {
                        backoff = FIRST_BACKOFF_MS; // it was streaming: reconnect quickly
                    }
                } catch (RuntimeException e) {
                    failed(e);
                }
                for (long slept = 0; slept < backoff && running; slept += 100) {
                    sleep(100);
                }
                backoff = Math.min(maxBackoffMs, backoff * 2);
            }
        } finally {
            stopped.countDown();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
