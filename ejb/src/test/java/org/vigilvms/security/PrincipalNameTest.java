package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrincipalNameTest {

    private static Optional<String> canonical(String typed) {
        return PrincipalName.canonical(typed, "uid");
    }

    @Test
    void everySpellingOfOneUserIsTheSameName() {
        for (String typed : new String[] {"alice", "ALICE", "Alice", "  alice\t", "uid=alice,ou=people,dc=vigil,dc=test",
                "UID=Alice, ou=people,dc=vigil,dc=test", "uid=\\61lice,ou=people,dc=vigil,dc=test", "uid = alice ,dc=x", "uid=alice"}) {
            assertEquals(Optional.of("alice"), canonical(typed), typed);
        }
    }

    @Test
    void aDistinguishedNameCountsOnlyThroughTheDirectorysUserAttribute() {
        assertEquals(Optional.empty(), canonical("cn=alice,ou=people,dc=vigil,dc=test"), "another attribute");
        assertEquals(Optional.of("alice"), PrincipalName.canonical("sAMAccountName=alice,dc=corp", "samaccountname"));
        assertEquals(Optional.empty(), canonical("uid=alice+cn=x,dc=test"), "a multi-valued RDN");
        assertEquals(Optional.empty(), canonical("uid=al=ice,,dc"), "not a DN");
        assertEquals(Optional.empty(), canonical("uid=ali ce,dc=test"), "the value itself must be an account name");
    }

    @Test
    void namesOutsideTheAccountAlphabetAreNoAccount() {
        for (String typed : new String[] {"", "   ", "al ice", "al\\ice", "*)(uid=*", "alice\u0000", "ali\u202Ece", "-alice",
                "a".repeat(129), "al%69ce"}) {
            assertEquals(Optional.empty(), canonical(typed), typed);
        }
        assertEquals(Optional.of("a".repeat(128)), canonical("A".repeat(128)));
        assertEquals(Optional.of("first.last@corp-1_x"), canonical("First.Last@Corp-1_x"));
    }

    @Test
    void ofFoldsAKnownNameTheSameWay() {
        assertEquals("alice", PrincipalName.of(" Alice "));
        assertEquals("alice", PrincipalName.of("uid=alice,dc=x"));
    }
}
