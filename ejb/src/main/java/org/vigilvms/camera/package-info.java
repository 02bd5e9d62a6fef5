/**
 * Camera management (X.1453 F5): the cameras, their credentials (encrypted under the master key)
 * and their connection status. Only administrators change cameras.
 */
package org.vigilvms.camera;
