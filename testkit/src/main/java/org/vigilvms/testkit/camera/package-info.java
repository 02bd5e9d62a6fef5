/**
 * Virtual IP cameras for tests, benchmarks and the demo: synthetic video whose frames carry a
 * machine-readable stamp (camera, frame counter, capture time, PTZ position), encoded to H.264
 * in-process (or, for H.265 cameras, a loop encoded once by Debian's ffmpeg with libx265) and
 * served over RTSP and RTSPS like a real camera, with faults to inject.
 */
package org.vigilvms.testkit.camera;
