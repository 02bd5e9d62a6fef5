/**
 * Privacy masks enforced by the server (X.1453 privacy of the people filmed): which regions of a
 * camera's picture a viewer must not see ({@link PrivacyMasks}: the masks of the camera's newest
 * signed analytics configuration, for anyone without VIEW_UNMASKED on it). Snapshots, playback,
 * exports and live view burn them in before a picture leaves the server; the recording itself
 * stays as the camera sent it, in its signed chain.
 */
package org.vigilvms.privacy;
