package org.greendl.deploy.runtime;

/** A child JVM for {@link OrtTelemetryTest}: creates greendl's ORT environment as any command does, then waits. */
public final class TelemetryProbe {
    private TelemetryProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ort " + OrtNatives.environment().getVersion());
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "500"));
    }
}
