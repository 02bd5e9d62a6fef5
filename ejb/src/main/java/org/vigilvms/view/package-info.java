/** Saved live views: an operator's layouts with the camera of each tile. */
package org.vigilvms.view;
