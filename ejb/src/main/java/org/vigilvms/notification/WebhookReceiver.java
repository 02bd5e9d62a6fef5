package org.vigilvms.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** An HTTPS endpoint alarm rules notify, with the secret that signs what it receives. */
@Entity
@Table(name = "webhook_receiver")
public class WebhookReceiver {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 128, unique = true)
    private String name;

    @Column(nullable = false, length = 2048)
    private String url;

    /** The HMAC key, sealed under the master key (associated data: {@link #sealingAad}). */
    @Column(name = "secret_sealed", nullable = false)
    private byte[] secretSealed;

    /** The only CA trusted for this receiver; null: the JVM's CAs. */
    @Column(name = "ca_pem")
    private String caPem;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    protected WebhookReceiver() {
    }

    WebhookReceiver(String name, String url, byte[] secretSealed, String caPem, String createdBy, Instant createdTs) {
        this.name = name;
        this.url = url;
        this.secretSealed = secretSealed;
        this.caPem = caPem;
        this.createdBy = createdBy;
        this.createdTs = createdTs;
    }

    /** Binds a sealed secret to its receiver's name: moved to another row, it does not open. */
    static byte[] sealingAad(String name) {
        return ("webhook-secret:" + name).getBytes(StandardCharsets.UTF_8);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    byte[] getSecretSealed() {
        return secretSealed;
    }

    String getCaPem() {
        return caPem;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void disable() {
        enabled = false;
    }

    /** A receiver as the API lists it: never its secret. */
    public record View(long id, String name, String url, boolean ownCa, boolean enabled, String createdBy, Instant createdAt) {
    }

    View view() {
        return new View(id, name, url, caPem != null, enabled, createdBy, createdTs);
    }
}
