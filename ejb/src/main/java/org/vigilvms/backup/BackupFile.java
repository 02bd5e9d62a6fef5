package org.vigilvms.backup;

import java.time.Instant;

/**
 * A backup kept on the server until it is downloaded and deleted.
 *
 * @param id     the file's name without its extension (a random UUID)
 * @param sha256 of the encrypted file, to compare after copying it elsewhere
 */
public record BackupFile(String id, long bytes, String sha256, Instant createdAt, String createdBy, String schemaVersion,
                         int tables, long rows) {
}
