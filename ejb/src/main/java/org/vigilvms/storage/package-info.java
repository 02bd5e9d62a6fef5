/**
 * The storage service (X.1453 storage server): seals recorded segments (SHA-256, AES-256-GCM under
 * the camera's data key, per-camera hash chain), writes them to the storage volume and indexes
 * them, taking a recorder's batch only when its segments name the node that signed it
 * ({@link org.vigilvms.storage.SignerNode}); signs the chain heads and checks the chains' integrity, also against the head a SIEM kept.
 * The keys themselves are {@code org.vigilvms.keys}; rotating the master key
 * ({@link org.vigilvms.storage.MasterKeyRotation}) re-wraps what is stored under it; four-eyes
 * actions: evidence release and deleting recordings before retention. The volumes' fill and days
 * left ({@link org.vigilvms.storage.FillOutlook}, also in the administrators' list of volumes) and
 * each seal's latency are on the metrics endpoint ({@link org.vigilvms.storage.VolumeMeters}).
 */
package org.vigilvms.storage;
