/** Recorded video for viewers: what was recorded when (timeline), and stored segments decrypted on demand, rights-checked, without their sound for those who may not listen, with privacy masks burned in (also into snapshots) for those who may not see through them. */
package org.vigilvms.playback;
