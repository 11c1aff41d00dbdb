package org.metarec.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from the jar manifest or (when running from classes, e.g. in tests) a filtered resource. */
public final class ProjectVersion {

    private ProjectVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} if neither source is available. */
    public static String get() {
        String manifest = ProjectVersion.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // Fall through: the version is informative only.
        }
        return "unknown";
    }
}
