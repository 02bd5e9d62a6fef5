/**
 * The storage service (X.1453 storage server): seals recorded segments (SHA-256, AES-256-GCM under
 * the camera's data key, per-camera hash chain), writes them to the storage volume and indexes
 * them; signs the chain heads and checks the chains' integrity, also against the head a SIEM kept.
 * Keys: {@link org.vigilvms.storage.KeyVault}, its master key kept in a file or a PKCS#11 token
 * ({@link org.vigilvms.storage.MasterKeys}), rotated by {@link org.vigilvms.storage.MasterKeyRotation}.
 */
package org.vigilvms.storage;
