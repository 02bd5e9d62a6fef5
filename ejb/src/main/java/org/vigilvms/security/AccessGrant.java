package org.vigilvms.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One right given to a user, an LDAP group or a local role, on one camera, one site or all cameras. */
@Entity
@Table(name = "access_grant")
public class AccessGrant {

    /** Who a grant is for. */
    public enum SubjectKind { USER, GROUP, ROLE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_kind", nullable = false, length = 8)
    private SubjectKind subjectKind;

    @Column(nullable = false, length = 255)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "access_right", nullable = false, length = 32)
    private AccessRight right;

    @Column(name = "camera_id")
    private Long cameraId;

    @Column(length = 128)
    private String site;

    @Column(name = "ptz_priority", nullable = false)
    private int ptzPriority;

    @Column(name = "granted_by", nullable = false, length = 255)
    private String grantedBy;

    @Column(name = "granted_ts", nullable = false)
    private Instant grantedTs;

    protected AccessGrant() {
    }

    public AccessGrant(SubjectKind subjectKind, String subject, AccessRight right, Long cameraId, String site,
                       int ptzPriority, String grantedBy, Instant grantedTs) {
        this.subjectKind = subjectKind;
        this.subject = subject;
        this.right = right;
        this.cameraId = cameraId;
        this.site = site;
        this.ptzPriority = ptzPriority;
        this.grantedBy = grantedBy;
        this.grantedTs = grantedTs;
    }

    public Long getId() {
        return id;
    }

    public SubjectKind getSubjectKind() {
        return subjectKind;
    }

    public String getSubject() {
        return subject;
    }

    public AccessRight getRight() {
        return right;
    }

    public Long getCameraId() {
        return cameraId;
    }

    public String getSite() {
        return site;
    }

    public int getPtzPriority() {
        return ptzPriority;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    /** Whether this grant covers a camera of the given id and site. */
    boolean covers(long camera, String cameraSite) {
        if (cameraId != null) {
            return cameraId == camera;
        }
        return site == null || site.equals(cameraSite);
    }

    boolean appliesTo(Caller caller) {
        return switch (subjectKind) {
            case USER -> subject.equalsIgnoreCase(caller.name());
            case GROUP -> caller.ldapGroups().contains(subject);
            case ROLE -> caller.localRoles().contains(subject);
        };
    }
}
