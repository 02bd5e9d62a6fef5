/** Each person's console settings (theme, language, time zone; the rules of what may be chosen in PreferenceRules), kept by canonical account name and changed by that person only. */
package org.vigilvms.preference;
