package org.vigilvms.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubStreamRuleTest {

    private static final String MAIN = "rtsps://gate.example:322/stream1";
    private static final String ELSEWHERE = "subStreamUrl must be on the main stream's endpoint (rtsps://gate.example:322): "
            + "the sub-stream is opened with the camera's password and judged by its certificate";

    @Test
    void anotherPathOnTheSameEndpointIsASubStream() {
        assertNull(SubStreamRule.problem(MAIN, "rtsps://gate.example:322/stream2"));
        assertNull(SubStreamRule.problem(MAIN, "rtsps://GATE.example:322/stream1?profile=sub"), "host case aside, a query differs");
        assertNull(SubStreamRule.problem("rtsps://gate.example/main", "rtsps://gate.example:322/sub"), "322 is RTSPS's default port");
    }

    @Test
    void anotherHostPortOrSchemeIsRefusedSoThePasswordStaysWithItsEndpoint() {
        assertEquals(ELSEWHERE, SubStreamRule.problem(MAIN, "rtsps://collector.example:322/stream2"));
        assertEquals(ELSEWHERE, SubStreamRule.problem(MAIN, "rtsps://gate.example:8322/stream2"));
        assertEquals(ELSEWHERE, SubStreamRule.problem(MAIN, "rtsp://gate.example:322/stream2"), "plain beside RTSPS");
    }

    @Test
    void theMainStreamItselfIsNoSubStream() {
        assertEquals("subStreamUrl is the main stream itself", SubStreamRule.problem(MAIN, "rtsps://gate.example:322/stream1/"));
    }

    @Test
    void aSubStreamNoLongerFitsWhenTheMainStreamMoves() {
        assertTrue(SubStreamRule.stillFits("rtsps://gate.example:322/other", "rtsps://gate.example:322/stream2"));
        assertFalse(SubStreamRule.stillFits("rtsps://yard.example:322/stream1", "rtsps://gate.example:322/stream2"));
        assertTrue(SubStreamRule.stillFits("rtsps://yard.example:322/stream1", null));
    }
}
