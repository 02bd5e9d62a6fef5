package org.vigilvms.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A single sign-on waiting for the console: who the OpenID provider said signed in, the groups its
 * ID token named, and the SHA-256 of the one-time ticket the browser carries to the console. The
 * realm {@code vigil-sso-realm} (46-sso.cli) reads this table to authenticate the ticket.
 */
@Entity
@Table(name = "sso_ticket")
public class SsoTicket {

    @Id
    @Column(length = 128)
    private String username;

    @Column(name = "ticket_sha256", nullable = false, length = 64)
    private String ticketSha256;

    /** One group per line: the realm splits them into the identity's group attribute. */
    @Column(nullable = false)
    private String groups;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SsoTicket() {
    }

    SsoTicket(String username, String ticketSha256, List<String> groups, Instant expiresAt) {
        this.username = username;
        this.ticketSha256 = ticketSha256;
        this.groups = String.join("\n", groups);
        this.expiresAt = expiresAt;
    }

    public String getUsername() {
        return username;
    }

    void renew(String ticketSha256, List<String> groups, Instant expiresAt) {
        this.ticketSha256 = ticketSha256;
        this.groups = String.join("\n", groups);
        this.expiresAt = expiresAt;
    }
}
