package org.vigilvms.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;

/**
 * Finished segments on their way to the storage service. The ingests only add to it; one thread
 * sends what has gathered about once a second, as batches of at most
 * {@link SegmentRecordedBatch#MOST_SEGMENTS}: per segment, a signature, a message and a storage
 * transaction cost more CPU than hashing and encrypting its 2 MB (docs/benchmarks.md), so several
 * segments share them. A segment waiting here is a finished file in the spool: after a crash the
 * spool recovery sends it, after a failed send the spool sweep does.
 */
final class SegmentOutbox implements AutoCloseable {

    /** How long a finished segment waits at most before it is sent (it is sealed right after). */
    static final long FLUSH_MS = 1000;

    private final LinkedBlockingQueue<SegmentRecorded> waiting = new LinkedBlockingQueue<>();
    private final Consumer<List<SegmentRecorded>> send;
    private final Thread flusher;
    private volatile boolean open = true;

    /** {@code send} gets each batch in order and reports its own failures; it is never called twice at once. */
    SegmentOutbox(ThreadFactory threads, Consumer<List<SegmentRecorded>> send) {
        this.send = send;
        this.flusher = threads.newThread(this::run);
        flusher.setName("vigil-segment-outbox");
        flusher.start();
    }

    void add(SegmentRecorded segment) {
        waiting.add(segment);
    }

    /** Sends everything waiting now, in batches, in the order it was added. */
    synchronized void flush() {
        List<SegmentRecorded> batch = new ArrayList<>();
        while (waiting.drainTo(batch, SegmentRecordedBatch.MOST_SEGMENTS) > 0) {
            send.accept(List.copyOf(batch));
            batch.clear();
        }
    }

    private void run() {
        while (open) {
            try {
                Thread.sleep(FLUSH_MS);
            } catch (InterruptedException e) {
                break; // closing: close() sends what is left
            }
            try {
                flush();
            } catch (RuntimeException e) {
                // the segments stay in the spool; the sweep sends them again
            }
        }
    }

    /** Stops the thread and sends what is still waiting (the ingests have stopped by now). */
    @Override
    public void close() {
        open = false;
        flusher.interrupt();
        try {
            flusher.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
