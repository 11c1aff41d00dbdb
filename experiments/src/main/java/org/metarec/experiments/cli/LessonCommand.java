package org.metarec.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.metarec.experiments.lessons.Lessons;
import org.metarec.experiments.run.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metarec lesson N [ARGS...]}: compiles and runs {@code docs/lessons/LessonN.java} ({@link Lessons}). */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = {"Run lesson N of docs/lessons (a single Java source file, compiled against metarec and run);",
            "read docs/lessons/README.md for what each one explains."})
final class LessonCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "N", description = "The lesson's number.")
    int number;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the lesson (e.g. where lesson 3 writes its graph).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try {
            Lessons.run(Lessons.folder(), number, args.toArray(String[]::new), main.out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return ExitCodes.OK;
    }
}
