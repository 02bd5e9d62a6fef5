package org.vigilvms.recording;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.camera.CameraCommand;
import org.vigilvms.messaging.EnvelopeGate;

/**
 * The recorder receiving signed camera commands from management (as svc-recorder,
 * jboss-ejb3.xml): start or stop recording a camera at once instead of at the next check (every second).
 */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.CAMERA_COMMANDS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class CameraCommandConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private RecorderSupervisor recorder;

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.CAMERA_COMMANDS, CameraCommand.TYPE).ifPresent(envelope -> {
            CameraCommand command = MessageCodec.decode(envelope.payload(), CameraCommand.class);
            if (CameraCommand.START_RECORDING.equals(command.action()) || CameraCommand.STOP_RECORDING.equals(command.action())) {
                recorder.applyNow(); // the camera table says what is wanted; the command says: now
            }
        });
    }
}
