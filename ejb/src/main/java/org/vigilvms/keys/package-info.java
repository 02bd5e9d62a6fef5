/**
 * The installation's master key and what it seals: {@link org.vigilvms.keys.KeyVault} wraps the
 * cameras' data keys and seals stored secrets (camera passwords, TOTP secrets) with AES-256-GCM;
 * the master key is kept in a file or inside a PKCS#11 token ({@link org.vigilvms.keys.MasterKeys}).
 * {@link org.vigilvms.keys.CameraKeys} binds what is sealed for a camera to that camera.
 */
package org.vigilvms.keys;
