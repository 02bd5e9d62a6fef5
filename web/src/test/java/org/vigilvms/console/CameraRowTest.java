package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.CameraView;

class CameraRowTest {

    private static CameraView camera(String recordedBy, boolean down) {
        return new CameraView(7, "gate", "North", "rtsps://gate/stream", null, true, CameraStatus.ONLINE, null,
                null, null, null, 86400, false, "CONTINUOUS", null, null, 5, 10, false, null, null, null, null, "vigil-far",
                recordedBy, down);
    }

    private static ResourceBundle texts(Locale locale) {
        return ResourceBundle.getBundle("org.vigilvms.console.messages", locale);
    }

    @Test
    void aCameraWhoseRecorderNodeIsDownSaysSoInsteadOfItsLastStatusInTheReadersLanguage() {
        CameraRow english = new CameraRow(camera("vigil-far", true), texts(Locale.ENGLISH));
        assertEquals("not recorded: its recorder node vigil-far is down", english.getHealth());
        assertEquals("recorder-down", english.getHealthStyle());
        assertEquals("nicht aufgezeichnet: sein Aufzeichnungsknoten vigil-far ist ausgefallen",
                new CameraRow(camera("vigil-far", true), texts(Locale.GERMAN)).getHealth());
        assertEquals("online", new CameraRow(camera("vigil-1", false), texts(Locale.ENGLISH)).getHealth());
    }
}
