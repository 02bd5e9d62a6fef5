package org.vigilvms.camera;

/**
 * A PTZ command: {@code continuous} (velocities -1..1), {@code stop}, {@code absolute}
 * (positions -1..1, zoom 0..1) or {@code preset} (a preset token).
 */
public record PtzCommand(String action, Double pan, Double tilt, Double zoom, String preset) {
}
