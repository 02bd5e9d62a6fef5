package org.vigilvms.posture;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.audit.SiemForwarder;
import org.vigilvms.camera.CameraDirectory;
import org.vigilvms.device.DeviceCertificateMode;
import org.vigilvms.directory.DirectoryTransport;
import org.vigilvms.export.ExportService;
import org.vigilvms.platform.HardwareToken;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The X.1453 controls as this installation stands, for those who run the system (MANAGE_CAMERAS
 * for every camera): which settings weaken a control is what an attacker would look for first.
 * Each setting is asked of the package that enforces it, so the page says what is enforced.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PostureService {

    @Inject
    private AccessControl access;

    @Inject
    private CameraDirectory cameras;

    @Inject
    private FourEyes fourEyes;

    @Inject
    private ExportService exports;

    @Inject
    private SiemForwarder siem;

    public List<Control> controls() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return Posture.of(new Posture.Settings(cameras.insecureTransports(), DeviceCertificateMode.required(),
                access.secondFactorPolicy(), FourEyes.ACTIONS.stream().filter(fourEyes::required).toList(), FourEyes.ACTIONS,
                exports.approvalRequired(), DirectoryTransport.configured(), siem.destination(), HardwareToken.configured()));
    }
}
