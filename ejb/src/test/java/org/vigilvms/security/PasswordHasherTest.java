package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void producesSaltedModularCryptBcryptThatElytronReads() {
        String a = PasswordHasher.hash("correct horse".toCharArray());
        String b = PasswordHasher.hash("correct horse".toCharArray());
        assertTrue(a.startsWith("$2a$12$"), a);
        assertNotEquals(a, b, "salted");
        assertTrue(PasswordHasher.matches(a, "correct horse".toCharArray()));
        assertFalse(PasswordHasher.matches(a, "correct hors".toCharArray()));
    }
}
