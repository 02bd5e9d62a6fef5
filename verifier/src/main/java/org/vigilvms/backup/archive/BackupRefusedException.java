package org.vigilvms.backup.archive;

/** A backup that must not be restored, and why; nothing has been written when it is thrown. */
public final class BackupRefusedException extends Exception {

    /** Why a backup was refused. */
    public enum Reason {
        /** The password does not open the encrypted backup. */
        WRONG_PASSWORD,
        /** The file is not a readable backup (truncated, damaged, or altered below the signature). */
        DAMAGED,
        /** An entry differs from what the signed manifest says, or the signature does not verify. */
        ALTERED,
        /** Signed under another installation's CA than the one expected. */
        OTHER_INSTALLATION,
        /** Where it would go already holds an installation or data. */
        TARGET_NOT_EMPTY
    }

    private final Reason reason;

    public BackupRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BackupRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
