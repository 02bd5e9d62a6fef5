package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SsoClaimsTest {

    @Test
    void theProvidersSpellingBecomesTheOneCanonicalName() {
        SsoClaims.Verdict verdict = SsoClaims.of("  Olivia.North ", List.of("/north-operators", "auditors"));
        assertEquals(Optional.of("olivia.north"), verdict.name());
        assertEquals(List.of("auditors", "north-operators"), verdict.groups(), "full paths lose their slash, sorted, once each");
    }

    @Test
    void aTokenWithoutGroupsGivesAnIdentityWithoutGroups() {
        SsoClaims.Verdict verdict = SsoClaims.of("olivia", null);
        assertTrue(verdict.accepted());
        assertEquals(List.of(), verdict.groups());
    }

    @Test
    void aNameThatIsNoAccountNameIsRefused() {
        for (String name : new String[] {null, "", "   ", "olivia north", "o\u202Eivia", "x".repeat(129)}) {
            SsoClaims.Verdict verdict = SsoClaims.of(name, List.of("g"));
            assertFalse(verdict.accepted(), String.valueOf(name));
            assertTrue(verdict.refusal().startsWith("the token names no usable account"), verdict.refusal());
        }
    }

    @Test
    void badOrTooManyGroupsAreRefusedNotTrimmed() {
        assertEquals("the token names a group that is empty, longer than 128 characters or holds control characters",
                SsoClaims.of("olivia", List.of("north", "evil\ngroup")).refusal());
        assertFalse(SsoClaims.of("olivia", Collections.singletonList((String) null)).accepted());
        assertFalse(SsoClaims.of("olivia", List.of("/")).accepted());
        assertFalse(SsoClaims.of("olivia", List.of("g".repeat(129))).accepted());
        List<String> many = IntStream.range(0, SsoClaims.MAX_GROUPS + 1).mapToObj(i -> "g" + i).toList();
        assertEquals("the token names 65 groups, more than 64", SsoClaims.of("olivia", many).refusal());
        assertTrue(SsoClaims.of("olivia", many.subList(0, SsoClaims.MAX_GROUPS)).accepted());
    }
}
