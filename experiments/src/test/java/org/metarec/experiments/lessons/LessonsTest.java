package org.metarec.experiments.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metarec.experiments.TestFiles;

/**
 * Every lesson of {@code docs/lessons/} compiles, runs, and prints exactly the lines under "What it
 * prints" in its text (a line saying where a file was written may name another place), and the
 * lessons' README lists each of them.
 */
class LessonsTest {

    private static final Path FOLDER = TestFiles.repositoryRoot().resolve("docs/lessons");

    @TempDir
    Path tmp;

    static Stream<Integer> lessons() {
        List<Integer> numbers = Lessons.numbers(FOLDER);
        assertFalse(numbers.isEmpty(), "no lessons in " + FOLDER);
        return numbers.stream();
    }

    /** The lines of the text block under "## What it prints" of {@code lesson-N.md}. */
    static List<String> printedInText(int n) throws Exception {
        List<String> lines = Files.readAllLines(FOLDER.resolve("lesson-" + n + ".md"));
        int heading = lines.indexOf("## What it prints");
        assertTrue(heading >= 0, "lesson-" + n + ".md: expected a heading '## What it prints'");
        int open = lines.subList(heading, lines.size()).indexOf("```text") + heading;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        assertTrue(open > heading && close > open, "lesson-" + n + ".md: expected a ```text block after the heading");
        return lines.subList(open + 1, close);
    }

    @ParameterizedTest(name = "lesson {0}")
    @MethodSource("lessons")
    void printsWhatItsTextSays(int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {tmp.resolve("lesson" + n + ".out").toString()};
        Lessons.run(FOLDER, n, args, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> text = printedInText(n);
        assertEquals(text.size(), printed.size(), "lesson " + n + " prints " + printed + "\nits text says " + text);
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).startsWith("wrote ") && printed.get(i).startsWith("wrote ")) {
                continue;   // the place differs: the test writes to a temporary folder
            }
            assertEquals(text.get(i), printed.get(i), "lesson " + n + ", line " + (i + 1) + " of its output");
        }
    }

    @Test
    void theReadmeListsEveryLesson() throws Exception {
        String readme = Files.readString(FOLDER.resolve("README.md"));
        for (int n : Lessons.numbers(FOLDER)) {
            assertTrue(readme.contains("[" + n + "](lesson-" + n + ".md)") && readme.contains("bin/metarec lesson " + n),
                    "docs/lessons/README.md: expected a row for lesson " + n);
        }
    }

    @Test
    void aMissingLessonNamesTheOnesThereAre() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Lessons.source(FOLDER, 99));
        assertTrue(e.getMessage().contains("the lessons are " + Lessons.numbers(FOLDER)), e.getMessage());
    }
}
