/**
 * The evidence export format, written by the server and checked by investigators offline: a ZIP
 * holding a manifest, its CMS signature with an RFC 3161 time-stamp, a playable MP4 per camera
 * and the original stored segments whose hashes are links of the cameras' hash chains;
 * optionally wrapped in a password-protected CMS envelope.
 */
package org.vigilvms.evidence;
