package org.greendl.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** greendl's own version, for the environment block of run records. */
public final class GreendlVersion {
    /** What a build from classes without the filtered resource reports. */
    static final String FALLBACK = "0.1.0-SNAPSHOT";

    private static final String VERSION = find();

    private GreendlVersion() {}

    public static String current() {
        return VERSION;
    }

    // The jar manifest first (a packaged build); else the resource Maven filters with the project version.
    private static String find() {
        String fromManifest = GreendlVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = GreendlVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // unreadable resource: the fallback below
        }
        return FALLBACK;
    }
}
