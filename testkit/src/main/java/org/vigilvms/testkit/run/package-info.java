/** The README's run command: the whole VMS on this machine with embedded defaults. */
package org.vigilvms.testkit.run;
