package org.vigilvms.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void twentyAtOnceThenFiveASecond() {
        TokenBucket rate = new TokenBucket(20, 5, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(rate.take(0), "message " + i);
        }
        assertFalse(rate.take(0), "the 21st at once");
        assertFalse(rate.take(SECOND / 10), "a tenth of a second later: half a message earned");
        assertTrue(rate.take(SECOND / 5), "a fifth of a second: one more");
        for (int i = 0; i < 5; i++) {
            assertTrue(rate.take(SECOND + SECOND / 5), "a second later, five more: " + i);
        }
        assertFalse(rate.take(SECOND + SECOND / 5));
    }

    @Test
    void aQuietClientGetsItsBurstBackButNoMore() {
        TokenBucket rate = new TokenBucket(20, 5, 0);
        for (int i = 0; i < 20; i++) {
            rate.take(0);
        }
        long later = 3600 * SECOND;
        for (int i = 0; i < 20; i++) {
            assertTrue(rate.take(later), "message " + i);
        }
        assertFalse(rate.take(later));
    }
}
