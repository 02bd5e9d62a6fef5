package org.vigilvms.jms.envelope;

/** The outcome of verifying one envelope. */
public record Verdict(Rejection rejection, String detail) {

    private static final Verdict ACCEPTED = new Verdict(null, "accepted");

    public static Verdict accepted() {
        return ACCEPTED;
    }

    public static Verdict rejected(Rejection rejection, String detail) {
        return new Verdict(rejection, detail);
    }

    public boolean isAccepted() {
        return rejection == null;
    }
}
