package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.analytics.Region;

class RegionFieldsTest {

    @Test
    void percentOfThePictureBecomeFractions() {
        assertEquals(Optional.of(new Region("door", 0.55, 0.2, 0.4, 0.6)), RegionFields.region("door", 55.0, 20.0, 40.0, 60.0));
        assertEquals(Optional.of(new Region("all", 0, 0, 1, 1)), RegionFields.region("all", 0.0, 0.0, 100.0, 100.0));
        assertEquals(0.1235, RegionFields.region("fine", 12.345, 0.0, 10.0, 10.0).orElseThrow().x(), 1e-12, "to 4 decimals");
    }

    @Test
    void aRectangleOutsideThePictureOrWithoutAreaOrSideIsNone() {
        assertEquals(Optional.empty(), RegionFields.region("right", 60.0, 0.0, 40.1, 10.0), "past the right edge");
        assertEquals(Optional.empty(), RegionFields.region("below", 0.0, 90.0, 10.0, 10.5), "past the bottom");
        assertEquals(Optional.empty(), RegionFields.region("left", -1.0, 0.0, 10.0, 10.0));
        assertEquals(Optional.empty(), RegionFields.region("flat", 10.0, 10.0, 20.0, 0.0));
        assertEquals(Optional.empty(), RegionFields.region("open", 10.0, null, 20.0, 20.0), "a side not given");
    }

    @Test
    void fractionsAreShownAsPercentWithOneDecimal() {
        assertEquals(55.0, RegionFields.percent(0.55));
        assertEquals(12.3, RegionFields.percent(0.1234));
        assertEquals(100.0, RegionFields.percent(1.0));
    }
}
