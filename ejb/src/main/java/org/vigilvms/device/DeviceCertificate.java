package org.vigilvms.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A certificate the internal CA issued to an enrolled device; revoked ones stay listed. */
@Entity
@Table(name = "device_certificate")
public class DeviceCertificate {

    /** What the device is; the certificate's OU says it too. */
    public enum Kind { WORKSTATION, ANALYTICS, CAMERA }

    @Id
    private String serial;

    @Column(name = "device_name", nullable = false, length = 128)
    private String deviceName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(nullable = false, length = 512)
    private String subject;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    @Column(name = "not_after", nullable = false)
    private Instant notAfter;

    @Column(name = "issued_by", nullable = false)
    private String issuedBy;

    @Column(name = "issued_ts", nullable = false)
    private Instant issuedTs;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_ts")
    private Instant revokedTs;

    @Column(name = "revocation_reason", length = 512)
    private String revocationReason;

    @Column(name = "certificate_pem", nullable = false)
    private String certificatePem;

    protected DeviceCertificate() {
    }

    DeviceCertificate(String serial, String deviceName, Kind kind, String subject, String sha256, Instant notBefore,
                      Instant notAfter, String issuedBy, Instant issuedTs, String certificatePem) {
        this.serial = serial;
        this.deviceName = deviceName;
        this.kind = kind;
        this.subject = subject;
        this.sha256 = sha256;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.issuedBy = issuedBy;
        this.issuedTs = issuedTs;
        this.certificatePem = certificatePem;
    }

    void revoke(String by, Instant at, String reason) {
        this.revokedBy = by;
        this.revokedTs = at;
        this.revocationReason = reason;
    }

    public String getSerial() {
        return serial;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public Kind getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public String getSha256() {
        return sha256;
    }

    public Instant getNotBefore() {
        return notBefore;
    }

    public Instant getNotAfter() {
        return notAfter;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public Instant getIssuedTs() {
        return issuedTs;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public Instant getRevokedTs() {
        return revokedTs;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    public String getCertificatePem() {
        return certificatePem;
    }
}
