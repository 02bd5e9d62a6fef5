/**
 * Backups of the installation, taken while the server runs: {@link org.vigilvms.backup.BackupService}
 * writes one encrypted, signed file (format: {@code org.vigilvms.backup.archive} in the verifier
 * module) with a consistent snapshot of the database, the installation's key material and its
 * configuration, for a local administrator who gives their password again. The files are kept
 * under the server's data folder until downloaded and deleted. Restoring is done offline by the
 * setup tool ({@code VigilRestore}) or the run command ({@code --restore}).
 */
package org.vigilvms.backup;
