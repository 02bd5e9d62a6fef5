package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZonedTimesTest {

    private final ZonedTimes kathmandu = new ZonedTimes(ZoneId.of("Asia/Kathmandu"));

    @Test
    void aTimeIsShownInThePersonsZone() {
        assertEquals("2026-12-04 13:45:07", kathmandu.show(Instant.parse("2026-12-04T08:00:07Z")));
        assertEquals("2026-12-04 08:00:07", new ZonedTimes(ZoneOffset.UTC).show(Instant.parse("2026-12-04T08:00:07.900Z")));
    }

    @Test
    void whatIsShownReadsBackAsTheSameSecondAndMinutesAlone() {
        Instant at = Instant.parse("2026-12-04T08:00:07Z");
        assertEquals(Optional.of(at), kathmandu.read(kathmandu.show(at)));
        assertEquals(Optional.of(Instant.parse("2026-12-04T08:00:00Z")), kathmandu.read(" 2026-12-04 13:45 "));
        assertEquals(Optional.of(Instant.parse("2026-12-04T08:00:00Z")), kathmandu.read("2026-12-04T13:45"));
    }

    @Test
    void anInstantWithItsOffsetMeansThatInstantInAnyZone() {
        assertEquals(Optional.of(Instant.parse("2026-12-04T08:00:00Z")), kathmandu.read("2026-12-04T08:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T08:00:00Z")), kathmandu.read("2026-12-04T09:00:00+01:00"));
    }

    @Test
    void clockChangesTakeTheRuleOfTheZone() {
        ZonedTimes berlin = new ZonedTimes(ZoneId.of("Europe/Berlin"));
        // 02:30 does not exist on 29 March 2026: the gap of an hour moves it to 03:30 summer time
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:30:00Z")), berlin.read("2026-03-29 02:30"));
        // 02:30 happens twice on 25 October 2026: the earlier, still summer time
        assertEquals(Optional.of(Instant.parse("2026-10-25T00:30:00Z")), berlin.read("2026-10-25 02:30"));
    }

    @Test
    void whatIsNoTimeIsEmpty() {
        for (String typed : new String[] {"yesterday", "", "2026-12-04", "2026-13-04 10:00", "2026-12-04 25:00", "13:45", "2026-12-04 13:45:07 CET"}) {
            assertEquals(Optional.empty(), kathmandu.read(typed), typed);
        }
    }
}
