/**
 * Evidence export (X.1453 I-3, T-INS, C-3): background jobs that copy the original segments of
 * cameras over a time range (without sound, or re-encoded with privacy masks burned in, where the
 * requester may not hear or see through them), remux a playable MP4 per camera, and sign the manifest with the
 * server's key and a time-stamp from Vigil's own TSA ({@code TimeStampAuthority}); the format is {@code org.vigilvms.evidence}.
 */
package org.vigilvms.export;
