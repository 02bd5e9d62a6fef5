/**
 * Camera management (X.1453 F5): the cameras, their credentials (encrypted under the master key,
 * sent only to the endpoint they were entered for) their connection status, the TLS connection to an
 * RTSPS camera ({@code CameraTlsRelay}), the recording schedule, and the address policy every
 * camera, ONVIF and discovery address obeys. Only administrators change cameras.
 */
package org.vigilvms.camera;
