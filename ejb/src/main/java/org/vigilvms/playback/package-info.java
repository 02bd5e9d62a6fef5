/** Recorded video for viewers: what was recorded when (timeline), and stored segments decrypted on demand, rights-checked. */
package org.vigilvms.playback;
