/** Cross-cutting producers every feature uses: the clock, the installation paths. */
package org.vigilvms.platform;
