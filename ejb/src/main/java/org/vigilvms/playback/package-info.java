/** Recorded video for viewers: what was recorded when (timeline), and stored segments decrypted on demand, rights-checked, without their sound for those who may not listen. */
package org.vigilvms.playback;
