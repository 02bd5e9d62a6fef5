package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark helper: one {@link RtspSink} per camera on ports base..base+n-1 for a number of
 * seconds, then one summary line: frames received, expected, lost packets, Mbit/s.
 * {@code CameraLoadClient <cameras> <rtspBasePort> <seconds> <fps> <user> <password>}
 */
public final class CameraLoadClient {

    private CameraLoadClient() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = Integer.parseInt(args[0]);
        int base = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int fps = Integer.parseInt(args[3]);
        List<RtspSink> sinks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            RtspSink sink = new RtspSink("127.0.0.1", base + i, args[4], args[5]);
            Thread t = new Thread(sink, "sink-" + i);
            t.setDaemon(true);
            t.start();
            sinks.add(sink);
            threads.add(t);
        }
        Thread.sleep(seconds * 1000L);
        long frames = 0;
        long bytes = 0;
        long lost = 0;
        int failed = 0;
        for (RtspSink sink : sinks) {
            sink.stop();
            frames += sink.frames();
            bytes += sink.bytes();
            lost += sink.lostPackets();
            if (sink.error() != null) {
                failed++;
                System.err.println("sink error: " + sink.error());
            }
        }
        System.out.printf("RESULT cameras=%d seconds=%d frames=%d expected=%d lost_packets=%d failed_sinks=%d mbit_per_s=%.1f%n",
                cameras, seconds, frames, (long) cameras * seconds * fps, lost, failed, bytes * 8.0 / seconds / 1e6);
    }
}
