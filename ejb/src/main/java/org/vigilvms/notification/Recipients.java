package org.vigilvms.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The recipients of a rule's e-mail, as an administrator types them: 1 to {@value #MOST}
 * plain addresses separated by commas (no display names, no comments, nothing that could carry
 * a header), returned in one spelling (domain in lower case, duplicates dropped).
 */
final class Recipients {

    static final int MOST = 10;

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Recipients() {
    }

    /** The addresses in one spelling, comma-separated; IllegalArgumentException says what is wrong. */
    static String normalized(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("emailTo needs at least one address");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : typed.split(",", -1)) {
            addresses.add(address(part.strip()));
        }
        if (addresses.size() > MOST) {
            throw new IllegalArgumentException("emailTo holds at most " + MOST + " addresses");
        }
        return String.join(",", addresses);
    }

    /** The addresses of a normalized list. */
    static List<String> of(String normalized) {
        return new ArrayList<>(List.of(normalized.split(",")));
    }

    private static String address(String typed) {
        int at = typed.lastIndexOf('@');
        if (typed.length() > 254 || at <= 0 || at == typed.length() - 1) {
            throw new IllegalArgumentException("'" + shown(typed) + "' is not an address like name@example.com");
        }
        String local = typed.substring(0, at);
        String domain = typed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("'" + shown(typed) + "': the part before @ has a character an address cannot have");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || !List.of(labels).stream().allMatch(l -> LABEL.matcher(l).matches())) {
            throw new IllegalArgumentException("'" + shown(typed) + "': the part after @ is not a domain name");
        }
        return local + "@" + domain;
    }

    /** What is echoed back: printable and short. */
    private static String shown(String typed) {
        String printable = typed.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
