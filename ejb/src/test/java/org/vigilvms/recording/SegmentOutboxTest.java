package org.vigilvms.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;

class SegmentOutboxTest {

    private final List<List<SegmentRecorded>> sent = new CopyOnWriteArrayList<>();

    private static SegmentRecorded segment(long camera, long startMs) {
        return new SegmentRecorded(camera, "/spool/" + camera + "-" + startMs + ".mp4", startMs, 4000, 100, "vigil-1", 1);
    }

    @Test
    void segmentsOfSeveralCamerasGoTogetherWithinAboutASecondInTheOrderTheyFinished() throws Exception {
        try (SegmentOutbox outbox = new SegmentOutbox(Executors.defaultThreadFactory(), sent::add)) {
            List<SegmentRecorded> finished = List.of(segment(1, 0), segment(2, 0), segment(1, 4000), segment(3, 0));
            finished.forEach(outbox::add);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3 * SegmentOutbox.FLUSH_MS / 1000);
            while (sent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(finished), sent, "one batch, in order");
        }
        assertEquals(1, sent.size(), "nothing more at closing");
    }

    @Test
    void aLongBacklogGoesInBatchesOfAtMostTheLimitInOrder() {
        int many = SegmentRecordedBatch.MOST_SEGMENTS * 2 + 7;
        List<SegmentRecorded> finished = IntStream.range(0, many).mapToObj(i -> segment(i % 5, i * 1000L)).toList();
        try (SegmentOutbox outbox = new SegmentOutbox(Executors.defaultThreadFactory(), sent::add)) {
            finished.forEach(outbox::add);
            outbox.flush();
            assertEquals(List.of(SegmentRecordedBatch.MOST_SEGMENTS, SegmentRecordedBatch.MOST_SEGMENTS, 7),
                    sent.stream().map(List::size).toList());
            assertEquals(finished, sent.stream().flatMap(List::stream).toList());
        }
    }

    @Test
    void closingSendsWhatIsWaitingAtOnce() {
        SegmentOutbox outbox = new SegmentOutbox(Executors.defaultThreadFactory(), sent::add);
        outbox.add(segment(7, 0));
        long start = System.nanoTime();
        outbox.close();
        assertEquals(List.of(List.of(segment(7, 0))), sent);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(SegmentOutbox.FLUSH_MS),
                "sent at closing, not at the next second");
    }

    @Test
    void aFailedSendDoesNotStopTheNextOnes() throws Exception {
        List<List<SegmentRecorded>> attempts = new CopyOnWriteArrayList<>();
        try (SegmentOutbox outbox = new SegmentOutbox(Executors.defaultThreadFactory(), batch -> {
            attempts.add(batch);
            if (attempts.size() == 1) {
                throw new IllegalStateException("broker away");
            }
        })) {
            outbox.add(segment(1, 0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (attempts.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            outbox.add(segment(1, 4000));
            while (attempts.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(List.of(segment(1, 0)), List.of(segment(1, 4000))), attempts,
                    "the first stays in the spool for the sweep; the next is sent");
        }
    }
}
