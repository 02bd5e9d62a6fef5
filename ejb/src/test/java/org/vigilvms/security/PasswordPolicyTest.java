package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsLongMixedPasswords() {
        assertNull(AccountService.policyProblem("admin", "OneTime-x", "Quartz-Window-2026"));
        assertNull(AccountService.policyProblem("admin", "OneTime-x", "correct horse battery staple"), "20+ characters of one kind");
    }

    @Test
    void refusesShortSameNameOrOneKind() {
        assertNotNull(AccountService.policyProblem("admin", "x", "Short-1"), "too short");
        assertNotNull(AccountService.policyProblem("admin", "Quartz-Window-2026", "Quartz-Window-2026"), "unchanged");
        assertNotNull(AccountService.policyProblem("admin", "x", "Admin-Password-99"), "contains the user name");
        assertNotNull(AccountService.policyProblem("admin", "x", "lowercaseonly12"), "one kind, under 20");
        assertNotNull(AccountService.policyProblem("admin", "x", null));
        assertNotNull(AccountService.policyProblem("admin", "x", "A1-".repeat(100)), "over 256");
    }
}
