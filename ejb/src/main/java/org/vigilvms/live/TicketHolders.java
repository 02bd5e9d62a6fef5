package org.vigilvms.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.security.Caller;

/**
 * Who each live ticket was issued to, with their groups and roles as at the request: the live
 * socket keeps that caller, so its right can be checked again while the stream runs (a token
 * names only the user). Entries live as long as their token ({@link LiveTokens#LIFETIME}).
 */
@ApplicationScoped
public class TicketHolders {

    private record Holder(Caller caller, long expiresMillis) {
    }

    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    void remember(String token, Caller caller) {
        long now = System.currentTimeMillis();
        if (holders.size() > 1_000) {
            for (Iterator<Holder> it = holders.values().iterator(); it.hasNext(); ) {
                if (it.next().expiresMillis() < now) {
                    it.remove();
                }
            }
        }
        holders.put(token, new Holder(caller, now + LiveTokens.LIFETIME.toMillis()));
    }

    /** The caller a still-valid ticket was issued to. */
    public Optional<Caller> holder(String token) {
        Holder holder = token == null ? null : holders.get(token);
        return holder == null || holder.expiresMillis() < System.currentTimeMillis() ? Optional.empty() : Optional.of(holder.caller());
    }
}
