package org.vigilvms.camera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.vigilvms.platform.Pem;

/** A certificate authority an administrator trusts for RTSPS cameras. */
@Entity
@Table(name = "trusted_camera_ca")
public class TrustedCameraCa {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 128)
    private String name;

    @Column(nullable = false, length = 512)
    private String subject;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "certificate_pem", nullable = false)
    private String certificatePem;

    @Column(name = "added_by", nullable = false)
    private String addedBy;

    @Column(name = "added_ts", nullable = false)
    private Instant addedTs;

    protected TrustedCameraCa() {
    }

    TrustedCameraCa(String name, String subject, String sha256, String certificatePem, String addedBy, Instant addedTs) {
        this.name = name;
        this.subject = subject;
        this.sha256 = sha256;
        this.certificatePem = certificatePem;
        this.addedBy = addedBy;
        this.addedTs = addedTs;
    }

    X509Certificate certificate() {
        return Pem.certificate(certificatePem);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSubject() {
        return subject;
    }

    public String getSha256() {
        return sha256;
    }

    public String getAddedBy() {
        return addedBy;
    }

    public Instant getAddedTs() {
        return addedTs;
    }
}
