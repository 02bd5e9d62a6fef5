package org.vigilvms.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigilvms.directory.DirectoryTransport;
import org.vigilvms.posture.Control.State;

class PostureTest {

    private static final List<String> ACTIONS = List.of("evidence.release", "rights.change", "recording.delete");

    /** Everything switched on that can be. */
    private static final Posture.Settings STRICT = new Posture.Settings(0, true, "all", ACTIONS, ACTIONS, true, DirectoryTransport.TLS,
            Optional.of("siem.example:6514"), true);

    /** As the setup leaves an installation: optional controls off, no SIEM, no token. */
    private static final Posture.Settings FRESH = new Posture.Settings(0, false, "none", List.of(), ACTIONS, false, DirectoryTransport.NONE,
            Optional.empty(), false);

    @Test
    void everyRequirementOfSectionEightIsListedOnceInItsOrder() {
        assertEquals(List.of("C-1", "C-2", "C-3", "I-1", "I-2", "I-3", "A-1", "A-2", "A-3", "A-4", "AC-1", "AC-2", "AC-3", "T-INS",
                "IP-1", "IP-2"), Posture.of(FRESH).stream().map(Control::id).toList());
    }

    @Test
    void withEverythingSwitchedOnOnlyWhatTheProductLacksOrCannotDoIsShort() {
        Map<String, State> states = states(STRICT);
        assertEquals(Map.of("C-3", State.PARTIAL, "IP-2", State.OUTSIDE),
                states.entrySet().stream().filter(e -> e.getValue() != State.ENFORCED)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertTrue(how(STRICT, "C-3").contains("in the PKCS#11 token"), how(STRICT, "C-3"));
        assertTrue(how(STRICT, "IP-1").contains("SIEM at siem.example:6514"), how(STRICT, "IP-1"));
        assertTrue(how(STRICT, "A-2").startsWith("password and one-time code for everyone"), how(STRICT, "A-2"));
    }

    @Test
    void aFreshInstallationShowsItsOptionalControlsOffAndNoSiem() {
        Map<String, State> states = states(FRESH);
        assertEquals(State.OFF, states.get("A-3"));
        assertEquals(State.OFF, states.get("T-INS"));
        assertEquals(State.PARTIAL, states.get("IP-1"));
        assertEquals(State.ENFORCED, states.get("C-1"));
        assertEquals("password only (no second factor required)", how(FRESH, "A-1"));
        assertTrue(how(FRESH, "C-3").contains("in a file outside the database"), how(FRESH, "C-3"));
        assertTrue(how(FRESH, "I-2").contains("no SIEM keeps copies of the heads"), how(FRESH, "I-2"));
    }

    @Test
    void anAcceptedPlainCameraWeakensEveryControlItsTransportCarries() {
        Posture.Settings plain = new Posture.Settings(2, true, "all", ACTIONS, ACTIONS, true, DirectoryTransport.TLS, Optional.of("s:6514"), true);
        Map<String, State> states = states(plain);
        for (String id : List.of("C-1", "C-2", "I-1", "A-4")) {
            assertEquals(State.WEAKENED, states.get(id), id);
            assertTrue(how(plain, id).contains("2 enabled camera(s) on a plain transport"), id + ": " + how(plain, id));
        }
        assertEquals(State.ENFORCED, states.get("A-2"));
    }

    @Test
    void aDirectoryReachedWithoutTlsWeakensSignIn() {
        Posture.Settings plain = new Posture.Settings(0, true, "admins", ACTIONS, ACTIONS, true, DirectoryTransport.PLAIN, Optional.empty(), false);
        assertEquals(State.WEAKENED, states(plain).get("A-1"));
        assertEquals(State.WEAKENED, states(plain).get("A-2"));
        assertEquals("password and one-time code for administrators; directory passwords cross the network readable (ldap:// without TLS)",
                how(plain, "A-2"));
    }

    @Test
    void fourEyesOnSomeActionsIsPartialAndNamesThem() {
        Posture.Settings some = new Posture.Settings(0, false, "none", List.of("recording.delete"), ACTIONS, true, DirectoryTransport.NONE,
                Optional.empty(), false);
        assertEquals(State.PARTIAL, states(some).get("T-INS"));
        assertEquals("waiting for a second person: recording.delete, export", how(some, "T-INS"));
        Posture.Settings allButExports = new Posture.Settings(0, false, "none", ACTIONS, ACTIONS, false, DirectoryTransport.NONE,
                Optional.empty(), false);
        assertEquals(State.PARTIAL, states(allButExports).get("T-INS"));
    }

    private static Map<String, State> states(Posture.Settings settings) {
        return Posture.of(settings).stream().collect(Collectors.toMap(Control::id, Control::state));
    }

    private static String how(Posture.Settings settings, String id) {
        return Posture.of(settings).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().how();
    }
}
