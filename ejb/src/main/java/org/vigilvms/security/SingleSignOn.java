package org.vigilvms.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/**
 * Single sign-on through an OpenID provider (wildfly-config 46-sso.cli). WildFly's Elytron OIDC
 * client signs the user in at the provider and checks the ID token (signature, issuer, audience,
 * expiry, nonce) in the SSO web module; that module asks {@link #admit} for a one-time ticket and
 * hands it to the console, which signs in with it through Elytron like any other sign-in (the
 * realm {@code vigil-sso-realm} checks the ticket's SHA-256 here) and then {@link #consume}s it.
 * A token whose name is a local account's is refused: the provider can never sign anyone in as a
 * break-glass account. Every refusal is audited ({@code sso.refused}).
 */
@PermitAll // reached only by the SSO module after the provider's sign-in, and by the console's /login/sso
@Stateless
public class SingleSignOn {

    /** The cookie that carries the ticket from the SSO module to the console, sent to {@link #CONSOLE_PATH} only. */
    public static final String TICKET_COOKIE = "vigil-sso-ticket";
    /** The console's endpoint that signs in with the ticket. */
    public static final String CONSOLE_PATH = "/login/sso";

    /** How long a ticket works: the browser goes straight from the SSO module to the console. */
    static final Duration TICKET_LIFE = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** A one-time ticket for the account the token names, or empty (refused and audited). */
    public Optional<String> admit(String preferredUsername, Collection<String> groups, String address) {
        SsoClaims.Verdict verdict = SsoClaims.of(preferredUsername, groups);
        if (!verdict.accepted()) {
            refused(PrincipalName.of(String.valueOf(preferredUsername)), address, verdict.refusal());
            return Optional.empty();
        }
        String name = verdict.name().orElseThrow();
        if (!em.createQuery("SELECT u.username FROM AppUser u WHERE u.username = :name", String.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            refused(name, address, "a local account has this name: it signs in with its password, never through the provider");
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = clock.instant().plus(TICKET_LIFE);
        SsoTicket pending = em.find(SsoTicket.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (pending == null) {
            em.persist(new SsoTicket(name, sha256(ticket), verdict.groups(), expires));
        } else {
            pending.renew(sha256(ticket), verdict.groups(), expires);
        }
        audit.record(name, "sso.admitted", "user:" + name, AuditEvent.Outcome.SUCCESS,
                "from " + address + ", groups " + verdict.groups());
        return Optional.of(ticket);
    }

    /** The account a ticket that still works stands for. */
    public Optional<String> accountOf(String ticket) {
        if (ticket == null || ticket.length() > 64) {
            return Optional.empty();
        }
        List<SsoTicket> found = em.createQuery("SELECT t FROM SsoTicket t WHERE t.ticketSha256 = :hash AND t.expiresAt > :now",
                SsoTicket.class).setParameter("hash", sha256(ticket)).setParameter("now", clock.instant()).getResultList();
        return found.stream().map(SsoTicket::getUsername).findFirst();
    }

    /** Uses the ticket up; false when it was used already (a second browser with the same ticket). */
    public boolean consume(String account, String ticket) {
        return em.createQuery("DELETE FROM SsoTicket t WHERE t.username = :name AND t.ticketSha256 = :hash")
                .setParameter("name", account).setParameter("hash", sha256(ticket)).executeUpdate() == 1;
    }

    /** Audits a refused single sign-on: a token that names no usable account, or a ticket that did not work. */
    public void refused(String account, String address, String why) {
        audit.record(account, "sso.refused", "user:" + account, AuditEvent.Outcome.REJECTED, why + " (from " + address + ")");
    }

    static String sha256(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
