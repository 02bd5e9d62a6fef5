package org.vigilvms.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One account's TOTP secret (sealed) and the last step used. */
@Entity
@Table(name = "user_totp")
public class UserTotp {

    @Id
    @Column(length = 255)
    private String username;

    @Column(name = "secret_sealed", nullable = false)
    private byte[] secretSealed;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "last_step", nullable = false)
    private long lastStep;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    protected UserTotp() {
    }

    UserTotp(String username, byte[] secretSealed, Instant createdTs) {
        this.username = username;
        this.secretSealed = secretSealed;
        this.createdTs = createdTs;
    }

    String getUsername() {
        return username;
    }

    byte[] getSecretSealed() {
        return secretSealed;
    }

    boolean isEnabled() {
        return enabled;
    }

    long getLastStep() {
        return lastStep;
    }

    void reset(byte[] secretSealed, Instant now) {
        this.secretSealed = secretSealed;
        this.enabled = false;
        this.lastStep = 0;
        this.createdTs = now;
    }

    void used(long step) {
        this.lastStep = step;
        this.enabled = true;
    }

    /** What binds a sealed secret to its account (the master key rotation re-seals it under the same). */
    public static byte[] sealingAad(String user) {
        return ("vigil-totp:" + user).getBytes(StandardCharsets.UTF_8);
    }
}
