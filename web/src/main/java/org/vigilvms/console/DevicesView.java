package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.vigilvms.device.DeviceCertificate;
import org.vigilvms.device.DeviceCertificateService;
import org.vigilvms.messaging.ProducerEnrolment;

/**
 * The devices page: enrol a device from its certificate signing request (the issued PEM is shown
 * to copy onto the device) and the device certificates; the signing keys of services on other
 * nodes, enrolled with their proof of possession; either revoked with a reason in a dialog.
 * {@link DeviceCertificateService} and {@link ProducerEnrolment} decide (MANAGE_USERS); a refusal
 * is shown as they word it and audited.
 */
@Named
@ViewScoped
public class DevicesView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the revoke dialog is about: a device certificate (by serial) or a node's key (by producer). */
    public enum Revoking { DEVICE, NODE_KEY }

    @EJB
    private DeviceCertificateService devices;

    @EJB
    private ProducerEnrolment nodeKeys;

    @Inject
    private ConsoleRefusals refusals;

    private String deviceName;
    private DeviceCertificate.Kind kind = DeviceCertificate.Kind.WORKSTATION;
    private String csr;
    private String deviceOutcome;
    private String issuedPem;

    private String producer;
    private String publicKey;
    private String proof;
    private String keyOutcome;

    private Revoking revoking;
    private String revoked;
    private String reason;
    private String revokeOutcome;

    public List<DeviceCertificateService.DeviceView> getDevices() {
        return devices.list();
    }

    public List<ProducerEnrolment.ProducerKeyView> getNodeKeys() {
        return nodeKeys.list();
    }

    public List<ProducerEnrolment.KeyRequestView> getKeyRequests() {
        return nodeKeys.requests();
    }

    /** Approves the key a node asked for, as listed (refused if the node asked for another meanwhile). */
    public void approveKey(String nodeProducer, String fingerprint) {
        keyOutcome = refusals.attempt("approve node key", () -> {
            ProducerEnrolment.ProducerKeyView key = nodeKeys.approve(nodeProducer, fingerprint);
            return ConsoleTexts.format("devices.keyApproved", key.producer(), key.fingerprint());
        });
    }

    public DeviceCertificate.Kind[] getKinds() {
        return DeviceCertificate.Kind.values();
    }

    /** Issues the certificate; its PEM is shown to copy onto the device. */
    public void enrol() {
        issuedPem = null;
        deviceOutcome = refusals.attempt("enrol device", () -> {
            DeviceCertificateService.Issued issued = devices.enrol(deviceName, kind, csr);
            issuedPem = issued.certificatePem();
            deviceName = csr = null;
            return ConsoleTexts.format("devices.issued", issued.device().deviceName(), issued.device().serial());
        });
    }

    /** Enrols a node's signing key after checking its proof. */
    public void enrolKey() {
        keyOutcome = refusals.attempt("enrol node key", () -> {
            ProducerEnrolment.ProducerKeyView key = nodeKeys.enrol(producer, publicKey, proof);
            producer = publicKey = proof = null;
            return ConsoleTexts.format("devices.keyEnrolled", key.producer(), key.fingerprint());
        });
    }

    /** Opens the revoke dialog for a device certificate. */
    public void revokeDevice(String serial) {
        startRevoking(Revoking.DEVICE, serial);
    }

    /** Opens the revoke dialog for a node's key. */
    public void revokeKey(String nodeProducer) {
        startRevoking(Revoking.NODE_KEY, nodeProducer);
    }

    private void startRevoking(Revoking what, String which) {
        revoking = what;
        revoked = which;
        reason = null;
        revokeOutcome = null;
    }

    /** Revokes what the dialog is about, with the reason typed; the dialog closes when it was taken. */
    public void revoke() {
        boolean[] taken = new boolean[1];
        revokeOutcome = refusals.attempt(revoking == Revoking.DEVICE ? "revoke device" : "revoke node key", () -> {
            if (revoking == Revoking.DEVICE) {
                devices.revoke(revoked, reason);
            } else {
                nodeKeys.revoke(revoked, reason);
            }
            taken[0] = true;
            return ConsoleTexts.format("devices.revoked", revoked);
        });
        if (taken[0]) {
            PrimeFaces.current().ajax().addCallbackParam("revoked", true);
            if (revoking == Revoking.DEVICE) {
                deviceOutcome = revokeOutcome;
            } else {
                keyOutcome = revokeOutcome;
            }
        }
    }

    public String getDeviceOutcome() {
        return deviceOutcome;
    }

    public String getIssuedPem() {
        return issuedPem;
    }

    public String getKeyOutcome() {
        return keyOutcome;
    }

    public Revoking getRevoking() {
        return revoking;
    }

    public String getRevoked() {
        return revoked;
    }

    public String getRevokeOutcome() {
        return revokeOutcome;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public DeviceCertificate.Kind getKind() {
        return kind;
    }

    public void setKind(DeviceCertificate.Kind kind) {
        this.kind = kind;
    }

    public String getCsr() {
        return csr;
    }

    public void setCsr(String csr) {
        this.csr = csr;
    }

    public String getProducer() {
        return producer;
    }

    public void setProducer(String producer) {
        this.producer = producer;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public String getProof() {
        return proof;
    }

    public void setProof(String proof) {
        this.proof = proof;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
