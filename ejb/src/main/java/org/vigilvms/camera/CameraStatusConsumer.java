package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Optional;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.camera.CameraStatusChanged;
import org.vigilvms.jms.camera.SubStreamStatusChanged;
import org.vigilvms.jms.envelope.Rejection;
import org.vigilvms.messaging.EnvelopeGate;
import org.vigilvms.ownership.OwnerBook;
import org.vigilvms.platform.NodeName;

/**
 * The management service receiving camera state changes from the recorder (as svc-management,
 * jboss-ejb3.xml); one at a time, so a camera's states are applied in the order they happened. A
 * recorder speaks only for the cameras its node records: a status from another node than the
 * camera's owner is refused (a node that lost the camera, or one posing as its owner). The state
 * of a camera's sub-stream comes the same way and is kept apart from the camera's own.
 */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.CAMERA_STATUS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class CameraStatusConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private CameraDirectory cameras;

    @Inject
    private OwnerBook owners;

    @Inject
    private NodeName node;

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.CAMERA_STATUS, CameraStatusChanged.TYPE, SubStreamStatusChanged.TYPE).ifPresent(envelope -> {
            boolean sub = SubStreamStatusChanged.TYPE.equals(envelope.type());
            CameraStatusChanged changed = sub ? mainForm(MessageCodec.decode(envelope.payload(), SubStreamStatusChanged.class))
                    : MessageCodec.decode(envelope.payload(), CameraStatusChanged.class);
            CameraStatus status;
            try {
                status = CameraStatus.valueOf(changed.status());
            } catch (IllegalArgumentException | NullPointerException e) {
                return; // a status this version does not know: nothing to apply
            }
            String signer = ProducerName.parse(envelope.producer()).map(name -> name.nodeOr(node.value())).orElse("");
            Optional<String> owner = owners.ownerOf(changed.cameraId());
            if (owner.isPresent() && !owner.get().equals(signer)) {
                gate.refuse(envelope, Destinations.CAMERA_STATUS, Rejection.WRONG_NODE, envelope.producer()
                        + " reported the status of camera " + changed.cameraId() + ", which node " + owner.get() + " records");
                return;
            }
            if (sub) {
                cameras.reportSubStreamStatus(changed.cameraId(), status, changed.reason());
            } else {
                cameras.reportStatus(changed.cameraId(), status, changed.reason());
            }
        });
    }

    /** A sub-stream's change in the shape of a camera's, to be judged the same way. */
    private static CameraStatusChanged mainForm(SubStreamStatusChanged changed) {
        return new CameraStatusChanged(changed.cameraId(), changed.status(), changed.reason(), changed.atMs());
    }
}
