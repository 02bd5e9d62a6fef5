/**
 * The storage service (X.1453 storage server): seals recorded segments (SHA-256, AES-256-GCM under
 * the camera's data key, per-camera hash chain), writes them to the storage volume and indexes
 * them. Keys: {@link org.vigilvms.storage.KeyVault}.
 */
package org.vigilvms.storage;
