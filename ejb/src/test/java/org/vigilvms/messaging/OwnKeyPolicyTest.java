package org.vigilvms.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigilvms.messaging.OwnKeyPolicy.Decision;
import org.vigilvms.messaging.OwnKeyPolicy.Registered;

class OwnKeyPolicyTest {

    private static final byte[] KEY = {1, 2, 3};
    private static final byte[] OTHER = {4, 5, 6};

    @Test
    void theFirstNodeRegistersItsOwnKeysAnyLaterKeyWaitsForAnAdministrator() {
        assertEquals(Decision.REGISTER, OwnKeyPolicy.decide(Optional.empty(), KEY, true));
        assertEquals(Decision.REQUEST_APPROVAL, OwnKeyPolicy.decide(Optional.empty(), KEY, false));
    }

    @Test
    void aValidRegisteredKeyIsKeptAndAnotherKeyInItsPlaceWaits() {
        assertEquals(Decision.KEEP, OwnKeyPolicy.decide(Optional.of(new Registered(KEY, false)), KEY, false));
        assertEquals(Decision.KEEP, OwnKeyPolicy.decide(Optional.of(new Registered(KEY, false)), KEY, true));
        assertEquals(Decision.REQUEST_APPROVAL, OwnKeyPolicy.decide(Optional.of(new Registered(OTHER, false)), KEY, true),
                "the data folder lost: even the first node does not replace its key on its own");
    }

    @Test
    void aRevokedKeyNeverComesBack() {
        assertEquals(Decision.REPLACE_REVOKED, OwnKeyPolicy.decide(Optional.of(new Registered(KEY, true)), KEY, true));
        assertEquals(Decision.REQUEST_APPROVAL, OwnKeyPolicy.decide(Optional.of(new Registered(OTHER, true)), KEY, true),
                "a new key after the revocation is asked for, never registered on its own");
    }
}
