package org.vigilvms.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DrainPaceTest {

    @Test
    void batchesAreFullAndUnpausedWhileDrainsSucceed() {
        DrainPace pace = new DrainPace(200);
        assertEquals(200, pace.next());
        pace.took(200);
        pace.took(0);
        assertEquals(200, pace.next());
        assertEquals(0, pace.pauseMs());
    }

    @Test
    void afterAFailedBatchItsMessagesAreTakenOneAtATimeThenBatchesResume() {
        DrainPace pace = new DrainPace(3);
        pace.failed();
        assertEquals(1, pace.next());
        pace.took(1);
        pace.took(0); // nothing waiting: still owes two singles
        assertEquals(1, pace.next());
        pace.took(1);
        assertEquals(1, pace.next());
        pace.took(1);
        assertEquals(3, pace.next());
    }

    @Test
    void aSingleThatFailsAgainStartsTheSinglesOver() {
        DrainPace pace = new DrainPace(3);
        pace.failed();
        pace.took(1);
        pace.took(1);
        pace.failed(); // the bad message, alone: the broker counts another attempt
        pace.took(1);
        pace.took(1);
        assertEquals(1, pace.next());
        pace.took(1);
        assertEquals(3, pace.next());
    }

    @Test
    void failuresInARowRestDoublingUpToFiveSecondsAndASuccessEndsTheRest() {
        DrainPace pace = new DrainPace(10);
        long[] expected = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long ms : expected) {
            pace.failed();
            assertEquals(ms, pace.pauseMs());
        }
        for (int i = 0; i < 100; i++) {
            pace.failed();
        }
        assertEquals(5000, pace.pauseMs());
        pace.took(1);
        assertEquals(0, pace.pauseMs());
    }

    @Test
    void aDrainTakesAtLeastOneMessage() {
        assertEquals("a drain takes at least one message, not 0",
                assertThrows(IllegalArgumentException.class, () -> new DrainPace(0)).getMessage());
    }
}
