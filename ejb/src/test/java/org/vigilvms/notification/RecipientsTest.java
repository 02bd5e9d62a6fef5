package org.vigilvms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    @Test
    void addressesComeBackInOneSpellingWithoutDuplicates() {
        assertEquals("ops@example.com,Security@example.com",
                Recipients.normalized(" ops@example.com, Security@Example.COM ,ops@EXAMPLE.com"));
        assertEquals(List.of("ops@example.com", "Security@example.com"), Recipients.of("ops@example.com,Security@example.com"));
        assertEquals("first.last+alarms@mail.example.co.uk", Recipients.normalized("first.last+alarms@mail.example.co.uk"));
    }

    @Test
    void nothingThatCouldCarryAHeaderOrANameIsAnAddress() {
        assertEquals("'ops@example.com??Bcc: spy@evil.example': the part before @ has a character an address cannot have",
                refusal("ops@example.com\r\nBcc: spy@evil.example"));
        assertEquals("'Ops <ops@example.com>': the part before @ has a character an address cannot have", refusal("Ops <ops@example.com>"));
        assertEquals("'ops@localhost': the part after @ is not a domain name", refusal("ops@localhost"));
        assertEquals("'ops@-example.com': the part after @ is not a domain name", refusal("ops@-example.com"));
        assertEquals("'.ops@example.com': the part before @ has a character an address cannot have", refusal(".ops@example.com"));
        assertEquals("'' is not an address like name@example.com", refusal("ops@example.com,"));
        assertEquals("emailTo needs at least one address", refusal("  "));
    }

    @Test
    void atMostTenAddresses() {
        String ten = IntStream.rangeClosed(1, 10).mapToObj(n -> "ops" + n + "@example.com").collect(Collectors.joining(","));
        assertEquals(ten, Recipients.normalized(ten));
        assertEquals("emailTo holds at most 10 addresses", refusal(ten + ",ops11@example.com"));
    }

    private static String refusal(String typed) {
        return assertThrows(IllegalArgumentException.class, () -> Recipients.normalized(typed)).getMessage();
    }
}
