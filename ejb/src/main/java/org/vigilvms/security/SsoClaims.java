package org.vigilvms.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an OpenID provider's ID token may make of a Vigil identity: its name becomes the one
 * canonical account name ({@link PrincipalName}), so the same person has one identity however the
 * provider spells them; its groups become directory groups, granted rights exactly as LDAP groups
 * are. Anything that cannot be taken as it stands is refused with the reason, never repaired.
 */
public final class SsoClaims {

    /** At most this many groups from one token. */
    public static final int MAX_GROUPS = 64;
    static final int MAX_GROUP_LENGTH = 128;

    /** The identity a token stands for, or why it stands for none. */
    public record Verdict(Optional<String> name, List<String> groups, String refusal) {

        static Verdict refused(String why) {
            return new Verdict(Optional.empty(), List.of(), why);
        }

        public boolean accepted() {
            return name.isPresent();
        }
    }

    private SsoClaims() {
    }

    /** {@code username}: the token's {@code preferred_username}; {@code groups}: its {@code groups} claim (null when absent). */
    public static Verdict of(String username, Collection<String> groups) {
        Optional<String> name = PrincipalName.canonical(username, "uid");
        if (name.isEmpty()) {
            return Verdict.refused("the token names no usable account (preferred_username missing or not an account name)");
        }
        if (groups == null) {
            return new Verdict(name, List.of(), null);
        }
        if (groups.size() > MAX_GROUPS) {
            return Verdict.refused("the token names " + groups.size() + " groups, more than " + MAX_GROUPS);
        }
        TreeSet<String> kept = new TreeSet<>();
        for (String group : groups) {
            String bare = group == null ? "" : group.startsWith("/") ? group.substring(1) : group;
            if (bare.isBlank() || bare.length() > MAX_GROUP_LENGTH || bare.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return Verdict.refused("the token names a group that is empty, longer than " + MAX_GROUP_LENGTH
                        + " characters or holds control characters");
            }
            kept.add(bare);
        }
        return new Verdict(name, List.copyOf(kept), null);
    }
}
