package org.metarec.experiments.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.metarec.experiments.explain.MetaGradientGraph;
import org.metarec.experiments.explain.MetaGradientProblem;
import org.metarec.experiments.io.AtomicFiles;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code metarec graph CASE.json | --config CONFIG}: the graph behind one task's meta-gradient as
 * Graphviz DOT ({@link MetaGradientGraph}). DOT always; with {@code --out FILE.svg} also the SVG,
 * drawn by Graphviz's {@code dot} when it is installed (the command says so when it is not).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the meta-gradient graph of one task of a reference case (or of a sinusoid config's model)",
            "as Graphviz DOT: one box per inner step, the operations of the backward passes with createGraph",
            "(what second-order gradients flow through) in red. Without --out the DOT text goes to stdout."})
final class GraphCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE.json", description = "A reference case (metarec-metagrad-case/1).")
    Path caseFile;

    @Option(names = "--config", paramLabel = "CONFIG", description = "A sinusoid config instead of a case: its network at its initial parameters.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With --config: override a config key (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--method", defaultValue = "maml", description = "With --config: the method whose graph is drawn (default maml).")
    String method;

    @Option(names = "--task", defaultValue = "0", paramLabel = "I", description = "The task to draw (default 0).")
    int task;

    @Option(names = "--out", paramLabel = "FILE.dot|FILE.svg", description = "Write FILE.dot; for FILE.svg also the SVG (needs Graphviz's dot).")
    Path out;

    @Override
    public Integer call() throws IOException {
        MetaGradientProblem problem = ProblemArgs.load(caseFile, config, sets, method, task + 1);
        String dot;
        try {
            dot = MetaGradientGraph.dot(problem, task);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (out == null) {
            main.out.print(dot);
            return ExitCodes.OK;
        }
        String file = out.getFileName().toString();
        boolean svg = file.endsWith(".svg");
        if (!svg && !file.endsWith(".dot")) {
            throw new UsageException("--out: expected a file ending in .dot or .svg, found " + out);
        }
        Path dotFile = svg ? out.resolveSibling(file.substring(0, file.length() - 4) + ".dot") : out;
        AtomicFiles.writeString(dotFile, dot);
        main.out.println("wrote " + dotFile + " (" + dot.lines().filter(l -> l.contains(" [label=")).count() + " nodes)");
        if (svg) {
            Path dotProgram = findDot();
            if (dotProgram == null) {
                main.out.println("Graphviz's dot is not installed, so " + out + " was not drawn; with Graphviz: dot -Tsvg "
                        + dotFile + " -o " + out);
            } else {
                AtomicFiles.writeBytes(out, render(dotProgram, dotFile));
                main.out.println("wrote " + out + " (drawn by " + dotProgram + ")");
            }
        }
        return ExitCodes.OK;
    }

    /** Graphviz's {@code dot} on the PATH, or null. */
    static Path findDot() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "dot");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] render(Path dotProgram, Path dotFile) throws IOException {
        Process p = new ProcessBuilder(dotProgram.toString(), "-Tsvg", dotFile.toString()).redirectErrorStream(false).start();
        byte[] svg = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new UsageException(dotProgram + " -Tsvg " + dotFile + " failed: " + err.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for dot", e);
        }
        return svg;
    }
}
