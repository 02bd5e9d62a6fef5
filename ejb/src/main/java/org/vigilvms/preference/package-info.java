/** Each person's console settings (theme), kept by canonical account name and changed by that person only. */
package org.vigilvms.preference;
