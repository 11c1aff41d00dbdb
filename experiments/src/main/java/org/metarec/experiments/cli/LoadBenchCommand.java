package org.metarec.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.io.AmazonLoader;
import org.metarec.core.data.io.CdribLoader;
import org.metarec.core.data.io.DelimitedFormat;
import org.metarec.core.data.io.DelimitedLoader;
import org.metarec.core.data.io.DoubanLoader;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.random.Rng;
import org.metarec.experiments.bench.GeneratedRatings;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec bench load}: how long loading takes inside a running JVM, and how much heap it needs. It loads the
 * Douban files when {@code --douban} names their folder and the two CDRIB Amazon scenarios when {@code --cdrib} names
 * their data root (each skipped when its folder does not exist: the data are never shipped), then, for each of
 * {@code --sizes}, writes a generated ratings-only file ({@link GeneratedRatings}, MovieLens-20M scale at 20M) to a
 * temporary folder and loads it as delimited {@code user,item,rating,timestamp} lines; then, for each of
 * {@code --reviews}, a generated Amazon review file (JSON lines with a review text, as the 5-core files) through
 * {@link AmazonLoader}, once for each of {@code --threads} (the threads reading one file in chunks). Each load runs
 * {@code --repeat} times in the same JVM: the first includes compiling the parser, the best is the steady state.
 * Memory: the peak of the heap pools during the load (garbage included, an upper bound) and the heap still in use
 * after a full collection with the data set held (what the data set costs to keep). The last line sums up the
 * last file measured.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Loading speed and heap: the Douban and CDRIB Amazon files, and generated rating files of --sizes lines.")
final class LoadBenchCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--douban", description = "Folder of the Douban files (book_ratings.dat, music_ratings.dat); without "
            + "it, or when the folder does not exist, the Douban load is skipped (the data are never shipped).")
    Path douban;

    @Option(names = "--cdrib", description = "Data root of CDRIB's Amazon splits (game_video/, video_game/, sport_cloth/, "
            + "cloth_sport/); each scenario's six files are loaded as one data set; a scenario without its folders is skipped.")
    Path cdrib;

    @Option(names = "--sizes", split = ",", defaultValue = "1000000,5000000,20000000",
            description = "Lines of each generated file (default 1000000,5000000,20000000).")
    long[] sizes;

    @Option(names = "--users", defaultValue = "140000", description = "Users of each generated file (default 140000).")
    int users;

    @Option(names = "--items", defaultValue = "27000", description = "Items of each generated file (default 27000).")
    int items;

    @Option(names = "--repeat", defaultValue = "3", description = "Loads of each file in a row (default 3).")
    int repeat;

    @Option(names = "--reviews", split = ",", defaultValue = "1700000",
            description = "Lines of each generated Amazon review file (JSON lines; default 1700000, the size of PTUPCDR's "
                    + "Movies_and_TV 5-core file; 0 for none).")
    long[] reviews;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Threads reading each generated Amazon review file, one measurement per count (default 1,2; "
                    + "the other files are read by one thread).")
    int[] threads;

    @Option(names = "--text", defaultValue = "700",
            description = "Characters of each generated review's text (default 700).")
    int text;

    @Option(names = "--tmp", description = "Folder for the generated files (default: the system's temporary folder).")
    Path tmp;

    /** One file's measurements. */
    private record Measured(String name, long ratings, long bytes, double[] seconds, double[] cpuSeconds, long peakBytes,
                            long retainedBytes) {
        double best() {
            return Arrays.stream(seconds).min().orElseThrow();
        }

        double bestCpu() {
            return Arrays.stream(cpuSeconds).min().orElseThrow();
        }
    }

    /** Loads a data set from a file or folder. */
    private interface Load {
        Dataset load() throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        if (repeat < 1 || users < 1 || items < 1 || sizes.length == 0 || text < 0
                || Arrays.stream(reviews).anyMatch(n -> n < 0) || threads.length == 0
                || Arrays.stream(threads).anyMatch(t -> t < 1)) {
            throw new UsageException("expected --repeat >= 1, --users >= 1, --items >= 1, --text >= 0, --reviews >= 0, "
                    + "--threads >= 1 and at least one size");
        }
        for (long n : sizes) {
            if (n < users) {
                throw new UsageException("--sizes: expected sizes >= --users (" + users + "), found " + n);
            }
        }
        PrintStream out = bench.main.out;
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "load benchmark: java %s, %d cores, max heap %d MiB, %d load(s) per file%n",
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, repeat);
        List<Measured> all = new ArrayList<>();
        if (douban != null && Files.isDirectory(douban)) {
            all.add(measure(out, "douban (book + music)", bytes(douban, DoubanLoader.FILES.values()),
                    () -> DoubanLoader.load(douban, LoadOptions.DEFAULT)));
        } else {
            out.println(skipped("douban", douban));
        }
        if (cdrib != null && Files.isDirectory(cdrib)) {
            for (CdribLoader.Scenario scenario : CdribLoader.Scenario.values()) {
                if (!scenario.layout().folders().stream().allMatch(f -> Files.isDirectory(cdrib.resolve(f)))) {
                    out.println("cdrib " + scenario.layout().name() + ": skipped, no folders "
                            + String.join(" and ", scenario.layout().folders()) + " in " + cdrib);
                    continue;
                }
                long bytes = 0;
                for (String folder : scenario.layout().folders()) {
                    bytes += bytes(cdrib.resolve(folder), CdribLoader.FILES);
                }
                all.add(measure(out, "cdrib " + scenario.layout().name(), bytes,
                        () -> CdribLoader.load(cdrib, scenario, LoadOptions.DEFAULT).dataset()));
            }
        } else {
            out.println(skipped("cdrib", cdrib));
        }
        Path dir = Files.createTempDirectory(tmp == null ? Path.of(System.getProperty("java.io.tmpdir")) : tmp,
                "metarec-load-bench");
        try {
            for (long n : sizes) {
                Path file = dir.resolve("ratings-" + n + ".csv");
                long t0 = System.nanoTime();
                long bytes = GeneratedRatings.write(file, n, users, items, Rng.derive(n, "bench/load"));
                out.printf(Locale.ROOT, "generated %,d lines (%d users, %d items), %.1f MiB in %.1f s%n", n, users, items,
                        bytes / 1048576.0, (System.nanoTime() - t0) / 1e9);
                all.add(measure(out, "generated " + n, bytes, () -> DelimitedLoader.load(file,
                        DelimitedFormat.amazonRatings(), LoadOptions.DEFAULT)));
                Files.delete(file);
            }
            for (long n : reviews) {
                if (n == 0) {
                    continue;
                }
                Path file = dir.resolve("reviews-" + n + ".json");
                long t0 = System.nanoTime();
                long bytes = GeneratedRatings.writeReviews(file, n, Math.min(users, (int) n), items, text,
                        Rng.derive(n, "bench/load-reviews"));
                out.printf(Locale.ROOT, "generated %,d reviews (text %d characters), %.1f MiB in %.1f s%n", n, text,
                        bytes / 1048576.0, (System.nanoTime() - t0) / 1e9);
                for (int t : threads) {
                    all.add(measure(out, "reviews " + n + " (" + t + "t)", bytes, () -> AmazonLoader.load(
                            Map.of("Movies", file), AmazonLoader.Format.JSON, LoadOptions.DEFAULT.withThreads(t))));
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        out.println("summary (file, ratings, MiB, first load s, best load s, best load CPU s, M ratings per CPU s, peak heap "
                + "MiB, retained MiB):");
        for (Measured m : all) {
            out.printf(Locale.ROOT, "  %-26s %,12d %8.1f %8.2f %8.2f %8.2f %8.2f %9.0f %9.0f%n", m.name(), m.ratings(),
                    m.bytes() / 1048576.0, m.seconds()[0], m.best(), m.bestCpu(), m.ratings() / m.bestCpu() / 1e6,
                    m.peakBytes() / 1048576.0, m.retainedBytes() / 1048576.0);
        }
        Measured last = all.get(all.size() - 1);
        out.printf(Locale.ROOT, "%s: best load s: %.2f, best load CPU s: %.2f, peak heap MiB: %.0f%n", last.name(),
                last.best(), last.bestCpu(), last.peakBytes() / 1048576.0);
        return ExitCodes.OK;
    }

    private Measured measure(PrintStream out, String name, long bytes, Load load) throws IOException {
        double[] seconds = new double[repeat];
        double[] cpu = new double[repeat];
        long peak = 0;
        long retained = 0;
        long ratings = 0;
        for (int i = 0; i < repeat; i++) {
            long before = usedAfterGc();
            resetPeaks();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Dataset d = load.load();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - cpu0) / 1e9;
            peak = Math.max(peak, peakHeapBytes());
            ratings = d.interactions().size();
            retained = Math.max(retained, usedAfterGc() - before);
            out.printf(Locale.ROOT, "%s: load %d: %.3f s (CPU %.3f s), %,d ratings, %,d users, %,d items%n", name, i + 1,
                    seconds[i], cpu[i], ratings, d.interactions().userCount(), d.interactions().itemCount());
            Reference.reachabilityFence(d);
            d = null; // so that the next load's baseline does not hold this data set
        }
        return new Measured(name, ratings, bytes, seconds, cpu, peak, retained);
    }

    /**
     * CPU time of the whole process (the loading thread, the collector and the compiler): on a machine whose cores
     * are shared, wall time includes waiting for a core, CPU time does not.
     */
    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long usedAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum over heap pools of their peak usage since the reset (garbage included: an upper bound). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The summed size of {@code files} in {@code dir}: the bytes a load reads. */
    private static long bytes(Path dir, Iterable<String> files) throws IOException {
        long total = 0;
        for (String f : files) {
            total += Files.size(dir.resolve(f));
        }
        return total;
    }

    /** The line a skipped real-data load prints: no {@code --name} option given, or no such folder. */
    private static String skipped(String name, Path dir) {
        return dir == null ? name + ": skipped, no --" + name + " folder given"
                : name + ": skipped, no folder " + dir.toAbsolutePath().normalize();
    }
}
