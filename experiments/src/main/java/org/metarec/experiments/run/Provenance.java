package org.metarec.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.metarec.autodiff.kernel.VectorSupport;
import org.metarec.experiments.ProjectVersion;
import org.metarec.experiments.config.Config;

/**
 * The content of {@code provenance.json}: what produced a run (project version, git commit, Java, OS, CPU,
 * threads, seed, config hash) and when (ISO-8601 UTC start, resumes and end). Unlike the results, it differs
 * between runs of the same config.
 */
final class Provenance {

    private Provenance() {
    }

    /** The record written when a run starts (end_time null, status "running"). */
    static Map<String, Object> start(Config config, int threads, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project_version", ProjectVersion.get());
        p.put("git_commit", gitCommit());
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vendor", System.getProperty("java.vendor"));
        p.put("os_name", System.getProperty("os.name"));
        p.put("os_arch", System.getProperty("os.arch"));
        p.put("os_version", System.getProperty("os.version"));
        p.put("cpu_count", (long) Runtime.getRuntime().availableProcessors());
        p.put("cpu_model", cpuModel());
        p.put("threads", (long) threads);
        p.put("matrix_kernel", VectorSupport.describe());
        p.put("name", config.name());
        p.put("experiment", config.experiment());
        p.put("seed", config.seed());
        p.put("config_sha256", config.sha256());
        p.put("start_time", time(now));
        p.put("resumes", new ArrayList<>());
        p.put("end_time", null);
        p.put("status", "running");
        p.put("message", null);
        return p;
    }

    /** Adds a resume entry (time, step resumed from, threads) and sets the status back to running. */
    @SuppressWarnings("unchecked")
    static void resumed(Map<String, Object> p, long fromStep, int threads, Instant now) {
        List<Object> resumes = p.get("resumes") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", time(now));
        r.put("from_step", fromStep);
        r.put("threads", (long) threads);
        resumes.add(r);
        p.put("resumes", resumes);
        p.put("status", "running");
        p.put("end_time", null);
        p.put("message", null);
    }

    /** Marks the end of a run: status "finished" or "failed" with a message. */
    static void ended(Map<String, Object> p, String status, String message, Instant now) {
        p.put("end_time", time(now));
        p.put("status", status);
        p.put("message", message);
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** {@code git rev-parse HEAD} in the working directory, or null when git or a commit is unavailable. */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The first "model name" of /proc/cpuinfo, or null where it is not readable. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    return colon >= 0 ? line.substring(colon + 1).trim() : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the CPU model is optional.
        }
        return null;
    }
}
