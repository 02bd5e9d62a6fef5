/**
 * WebSocket endpoints that push to the console: live video (fragments from
 * {@code org.vigilvms.live}, opened with a ticket bound to the HTTP session) and alarm notices;
 * each socket closes when its session ends or its holder loses the right, and is rate limited.
 */
package org.vigilvms.push;
