package org.metarec.experiments.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.metarec.autodiff.kernel.VectorSupport;
import org.metarec.experiments.ProjectVersion;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;
import org.metarec.experiments.io.ErrorText;
import org.metarec.experiments.run.Progress;
import org.metarec.experiments.run.RunFailedException;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code metarec}. Errors are shown as one clear message (a config error as one line per problem)
 * with a non-zero exit code ({@link ExitCodes}); {@code --verbose} adds the stack trace.
 */
@Command(name = "metarec", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reproducible meta-learning and cross-domain recommendation experiments.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:a run failed after it started (a NaN, a full disk, an internal error); its folder says so in provenance.json",
            "2:the input is wrong (usage, config, data, a folder in the wrong state); nothing was run or written",
            "130/143:stopped by Ctrl-C or SIGTERM; the run is marked interrupted and `metarec resume DIR` continues it"},
        subcommands = {RunCommand.class, ResumeCommand.class, SweepCommand.class, ReportCommand.class, ValidateCommand.class,
            DataCommand.class, ConfigDocsCommand.class, MetagradCommand.class, GraphCommand.class, ExplainCommand.class,
            LessonCommand.class, PlotCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    final PrintStream out;
    final PrintStream err;
    final boolean terminal;

    /** A command writing results to {@code out} and messages/progress to {@code err}. */
    public Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // bin/metarec says whether stderr is a terminal; without it (java -jar ...), plain progress lines are the safe choice.
        System.exit(execute(args, System.out, System.err, Boolean.getBoolean("metarec.stderr.terminal")));
    }

    /**
     * Runs {@code args} and returns the exit code instead of exiting (used by tests).
     *
     * @param terminal whether {@code err} is an interactive terminal (progress bar instead of log lines)
     */
    public static int execute(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        Main main = new Main(out, err, terminal);
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> main.report(ex));
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Errors pass picocli's handler; they still get one message (input sizes are checked before a run, so
            // this is a run that had started).
            code = main.report(e);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Without a subcommand: show the usage on stderr; no command is a usage error. */
    @Override
    public Integer call() {
        CommandLine.usage(this, err);
        err.println("error: expected a command, found none");
        return ExitCodes.USAGE;
    }

    /** Where progress goes for this invocation. */
    Progress progress() {
        return Progress.forStream(err, terminal);
    }

    private int report(Throwable ex) {
        int code;
        if (ex instanceof ConfigException ce) {
            for (ConfigProblem p : ce.problems()) {
                err.println(p);
            }
            int n = ce.problems().size();
            err.println(n + (n == 1 ? " problem" : " problems") + "; nothing was run.");
            code = ExitCodes.USAGE;
        } else if (ex instanceof UsageException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.USAGE;
        } else if (ex instanceof RunFailedException) {
            err.println("error: " + ex.getMessage());
            code = ExitCodes.RUN_FAILED;
        } else {
            err.println("error: " + ErrorText.of(ex));
            code = isInputError(ex) ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (code != ExitCodes.USAGE) {
            err.println("(run with --verbose for the stack trace)");
        }
        return code;
    }

    /**
     * True for an error about what the user gave (a missing or unreadable file, a malformed input) outside a run:
     * a run's own failures arrive as {@link RunFailedException}.
     */
    private static boolean isInputError(Throwable ex) {
        Throwable e = ex instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        return e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException
                || e instanceof java.nio.file.NotDirectoryException || e instanceof java.nio.charset.CharacterCodingException
                || e instanceof IllegalArgumentException || e instanceof StackOverflowError;
    }

    /** The version shown by {@code --version}: from the jar manifest, and which matrix kernel runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"metarec " + ProjectVersion.get(),
                "matrix kernel: " + VectorSupport.describe()};
        }
    }
}
