/**
 * The installation backup: one file, encrypted with a password (CMS, as encrypted exports are)
 * and signed by the installation's signing key, holding a consistent snapshot of the database and
 * the installation's key material and configuration. {@link BackupWriter} writes it (the
 * server does, for a local administrator); {@link BackupReader}
 * opens it, checks the password, the signature against the installation's CA and every entry's
 * hash before anything is restored; {@link DatabaseDump} takes and loads the
 * database part with plain JDBC.
 */
package org.vigilvms.backup.archive;
