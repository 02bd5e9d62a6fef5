/**
 * Camera management (X.1453 F5): the cameras, their credentials (encrypted under the master key,
 * sent only to the endpoint they were entered for) their connection status, the TLS connection to an
 * RTSPS camera ({@code CameraTlsRelay}), the recording schedule, the sub-stream (on the main
 * stream's endpoint only, {@code SubStreamRule}, its state kept apart), and the address policy every
 * camera, ONVIF and discovery address obeys. Only administrators change cameras.
 */
package org.vigilvms.camera;
