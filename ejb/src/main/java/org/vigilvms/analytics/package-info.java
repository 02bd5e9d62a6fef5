/**
 * The analytics service (X.1453 section 6): decodes a low-resolution copy of each configured
 * camera's picture from the recorder's packets, detects motion in zones (OpenCV background
 * subtraction; privacy masks never analysed) and tampering (covered, blinded, defocused, moved),
 * and reports event and alert metadata as signed messages. It takes its configuration only as
 * signed messages from management, and refuses one whose signature does not verify (T-INJ).
 * The management side keeps the signed, versioned configurations ({@link AnalyticsConfigService}).
 */
package org.vigilvms.analytics;
