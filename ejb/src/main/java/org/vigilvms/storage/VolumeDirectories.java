package org.vigilvms.storage;

import java.nio.file.Path;
import java.util.Map;

/** Where each volume's files are, read once for a walk over many segments. */
public record VolumeDirectories(Map<String, Path> byName, Path fallback) {

    /** Where a stored segment's file is (a volume no longer listed: the installation's storage folder). */
    public Path file(Segment segment) {
        return byName.getOrDefault(segment.getVolume(), fallback).resolve(segment.getPath());
    }
}
