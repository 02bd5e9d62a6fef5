package org.vigilvms.login;

import java.util.regex.Pattern;

/**
 * The console page a person is sent back to (after signing in again, after changing the look):
 * a page of this application by its path, with its query, or the system page when the
 * candidate is anything else. Another site, a scheme, a protocol-relative address, a line break
 * or the sign-in and account pages themselves never pass.
 */
public final class ReturnPage {

    /** Where anyone may go: the system page. */
    public static final String HOME = "/index.xhtml";

    private static final Pattern PAGE = Pattern.compile("/[a-z-]+(/[a-z-]+)?\\.xhtml(\\?[A-Za-z0-9=&._:%+-]*)?");

    private ReturnPage() {
    }

    /** {@code candidate} (a path inside the application, e.g. {@code /audit.xhtml?actor=piet}) if it is a console page, else home. */
    public static String of(String candidate) {
        if (candidate == null || !PAGE.matcher(candidate).matches() || candidate.startsWith("/login")
                || candidate.startsWith("/account/")) {
            return HOME;
        }
        return candidate;
    }
}
