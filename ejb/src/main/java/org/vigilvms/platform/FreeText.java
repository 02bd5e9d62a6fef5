package org.vigilvms.platform;

/**
 * The rule for text people type that Vigil stores, signs and forwards (export reasons, case
 * numbers, approval comments): letters, marks, punctuation, tabs and line breaks, but no NUL or
 * other control character (PostgreSQL refuses NUL outright, logs and syslog lines can be forged
 * with the rest) and no bidirectional override, embedding or isolate (U+202A-U+202E,
 * U+2066-U+2069: "Trojan source" text that reads differently from what it says in a signed
 * manifest or the audit trail).
 */
public final class FreeText {

    private FreeText() {
    }

    /** Why {@code text} is refused, naming {@code field}; null when it is acceptable. */
    public static String problem(String field, String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.isISOControl(c)) {
                return field + " contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return field + " contains a bidirectional override (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) && i++ >= 0)) {
                return field + " contains a broken character";
            }
        }
        return null;
    }
}
