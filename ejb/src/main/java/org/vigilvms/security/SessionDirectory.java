package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;

/**
 * The signed-in sessions of this server: each person sees their own and may end any of them;
 * holders of MANAGE_USERS see and end everyone's. A session is known by a random handle, never by
 * its HTTP session id (which is as good as the session itself). Ending a session marks it; the
 * web tier ends it at its next request and closes its sockets at their next check (within
 * seconds). Every end is audited. Sessions live in this node's memory: they end with it.
 */
@PermitAll // decisions per call: own sessions for everyone, others' with MANAGE_USERS (AccessControl)
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionDirectory {

    /** One session as shown to its owner or an administrator. */
    public record SessionView(String handle, String user, String address, String client, Instant signedInAt, Instant lastSeenAt,
                              boolean current) {
    }

    private static final class Entry {
        final String handle;
        final String httpSessionId;
        final String user;
        final String address;
        final String client;
        final Instant signedInAt;
        volatile Instant lastSeenAt;
        volatile String endedBy;

        Entry(String handle, String httpSessionId, String user, String address, String client, Instant signedInAt) {
            this.handle = handle;
            this.httpSessionId = httpSessionId;
            this.user = user;
            this.address = address;
            this.client = client;
            this.signedInAt = signedInAt;
            this.lastSeenAt = signedInAt;
        }

        SessionView view(String currentHttpSessionId) {
            return new SessionView(handle, user, address, client, signedInAt, lastSeenAt, httpSessionId.equals(currentHttpSessionId));
        }
    }

    private final Map<String, Entry> byHttpSession = new ConcurrentHashMap<>();
    private final Map<String, Entry> byHandle = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** A sign-in succeeded on this HTTP session (called by the login endpoint). */
    public void opened(String httpSessionId, String user, String address, String client) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String agent = client == null ? "" : client.length() > 200 ? client.substring(0, 200) : client;
        Entry entry = new Entry(HexFormat.of().formatHex(bytes), httpSessionId, PrincipalName.of(user), address, agent,
                clock.instant());
        byHttpSession.put(httpSessionId, entry);
        byHandle.put(entry.handle, entry);
    }

    /** A request of the session arrived; false when the session was ended and must go now. */
    public boolean seen(String httpSessionId) {
        Entry entry = byHttpSession.get(httpSessionId);
        if (entry == null) {
            return true; // not a session this directory knows (opened before a redeployment)
        }
        entry.lastSeenAt = clock.instant();
        return entry.endedBy == null;
    }

    /** Who ended the session, or null while it may go on. */
    public String endedBy(String httpSessionId) {
        Entry entry = byHttpSession.get(httpSessionId);
        return entry == null ? null : entry.endedBy;
    }

    /** The HTTP session is gone (sign-out, timeout, invalidated). */
    public void closed(String httpSessionId) {
        Entry entry = byHttpSession.remove(httpSessionId);
        if (entry != null) {
            byHandle.remove(entry.handle);
        }
    }

    /** The caller's own sessions, newest first; {@code current} marks the one asking. */
    public List<SessionView> mine(String currentHttpSessionId) {
        String me = PrincipalName.of(access.caller().name());
        return byHandle.values().stream().filter(e -> e.user.equals(me) && e.endedBy == null)
                .sorted(Comparator.comparing((Entry e) -> e.signedInAt).reversed()).map(e -> e.view(currentHttpSessionId)).toList();
    }

    /** Every open session (MANAGE_USERS), newest first. */
    public List<SessionView> all() {
        access.require(AccessRight.MANAGE_USERS);
        return byHandle.values().stream().filter(e -> e.endedBy == null)
                .sorted(Comparator.comparing((Entry e) -> e.signedInAt).reversed()).map(e -> e.view(null)).toList();
    }

    /**
     * Ends a session: one's own always, anyone's with MANAGE_USERS (refused and audited
     * otherwise, also for a handle that does not exist, so handles cannot be probed; a holder of
     * MANAGE_USERS naming a handle that does not exist gets 400).
     */
    public void end(String handle) {
        Caller caller = access.caller();
        Entry entry = handle == null ? null : byHandle.get(handle);
        if (entry == null || !entry.user.equals(PrincipalName.of(caller.name()))) {
            access.require(AccessRight.MANAGE_USERS);
        }
        if (entry == null) {
            throw new InvalidRequestException("no such session");
        }
        entry.endedBy = caller.name();
        audit.record(caller.name(), "session.ended", "user:" + entry.user, AuditEvent.Outcome.SUCCESS,
                "session signed in at " + entry.signedInAt + " from " + entry.address + " ended by " + caller.name());
    }
}
