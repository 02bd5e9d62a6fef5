package org.vigilvms.platform;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that must wait for the caller's transaction to end: files removed, jobs started or
 * cameras steered only once the rows that say so are committed (and never when they roll back).
 */
public final class AfterCompletion {

    private AfterCompletion() {
    }

    /** Runs {@code committed} after the current transaction commits. */
    public static void onCommit(TransactionSynchronizationRegistry transactions, Runnable committed) {
        onOutcome(transactions, committed, null);
    }

    /** Runs {@code committed} after a commit, {@code rolledBack} (when given) after anything else. */
    public static void onOutcome(TransactionSynchronizationRegistry transactions, Runnable committed, Runnable rolledBack) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.run();
                } else if (rolledBack != null) {
                    rolledBack.run();
                }
            }
        });
    }
}
