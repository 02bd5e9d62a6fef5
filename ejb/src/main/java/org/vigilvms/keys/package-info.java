/**
 * The installation's master key and what it seals: {@link org.vigilvms.keys.KeyVault} wraps the
 * cameras' data keys and seals stored secrets (camera passwords, TOTP secrets) with AES-256-GCM;
 * the master key is kept in a file or inside a PKCS#11 token ({@link org.vigilvms.keys.MasterKeys}).
 * {@link org.vigilvms.keys.CameraKeys} binds what is sealed for a camera to that camera. A recorder
 * node holds no master key: the management node seals each camera's password and data key for the
 * node that owns it ({@link org.vigilvms.keys.NodeSeal}, to a certificate that
 * {@link org.vigilvms.keys.SealCertificates} accepts), and the node opens them with its own key
 * ({@link org.vigilvms.keys.NodeSealKey}); {@link org.vigilvms.keys.CameraSecrets} gives the
 * recorder and the storage consumer a camera's secrets either way.
 */
package org.vigilvms.keys;
