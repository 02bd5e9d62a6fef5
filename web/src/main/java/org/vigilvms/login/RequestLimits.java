package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.TokenBucket;

/**
 * Limits per client address (X.1453 IP-1, T-DOS): sign-in attempts and all other requests have
 * token buckets of their own; over the limit answers 429 and is audited once a minute per
 * address; request bodies over 1 MB are refused with 413.
 */
@WebFilter(urlPatterns = "/*")
public class RequestLimits extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final long MAX_BODY = 1 << 20;

    /** A client address's bucket, which also remembers when its refusals were last audited. */
    static final class Bucket {
        private final TokenBucket tokens;
        private long lastAuditMillis;

        Bucket(double capacity, double perSecond, long now) {
            this.tokens = new TokenBucket(capacity, perSecond, now);
        }

        boolean take(long now) {
            return tokens.take(now);
        }

        synchronized boolean auditDue(long nowMillis) {
            if (nowMillis - lastAuditMillis < 60_000) {
                return false;
            }
            lastAuditMillis = nowMillis;
            return true;
        }
    }

    private final Map<String, Bucket> logins = new ConcurrentHashMap<>();
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();

    @Inject
    private AuditLog audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > MAX_BODY) {
            response.sendError(413, "request body over " + MAX_BODY + " bytes");
            return;
        }
        String address = request.getRemoteAddr();
        long now = System.nanoTime();
        // by the servlet path, which is what reaches the login endpoint: path parameters
        // (";jsessionid=..."), encodings and the like do not move an attempt to the larger bucket;
        // a single sign-on ticket is a sign-in too
        boolean login = "/login".equals(request.getServletPath()) || "/login/sso".equals(request.getServletPath());
        Map<String, Bucket> buckets = login ? logins : requests;
        // sign-in: 30 at once, then one every 2 s (accounts lock on their own after 6 failures);
        // everything else: 200 at once, 100 per second
        Bucket bucket = buckets.computeIfAbsent(address, a -> login ? new Bucket(30, 0.5, now) : new Bucket(200, 100, now));
        if (!bucket.take(now)) {
            if (bucket.auditDue(System.currentTimeMillis())) {
                audit.record(address, login ? "login.throttled" : "request.throttled", request.getRequestURI(),
                        AuditEvent.Outcome.REJECTED, "rate limit per client address");
            }
            response.setHeader("Retry-After", login ? "2" : "1");
            response.sendError(429, "too many requests from " + address);
            return;
        }
        if (buckets.size() > 100_000) {
            buckets.clear(); // bounded memory under an address-spraying flood
        }
        chain.doFilter(request, response);
    }
}
