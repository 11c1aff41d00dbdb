package org.metarec.experiments.study.implicit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A generated CDRIB game_video scenario: 30 overlapping users (ids 0..29), 10 game-only and 10 video-only users (ids
 * 3000..3009, two different people per id), 40 game and 30 video items; users 22..29 are cold in video (their video
 * interactions split between valid.txt and test.txt), users 0..3 cold in game.
 */
public final class CdribFixture {

    private CdribFixture() {
    }

    /**
     * Writes the folders {@code game_video} and {@code video_game} under {@code root}.
     *
     * @param root the data root
     * @param seed the seed of the interactions
     * @return {@code root}
     * @throws IOException if a file cannot be written
     */
    public static Path write(Path root, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        write(root.resolve("game_video"), rng, 40, 0, 3);
        write(root.resolve("video_game"), rng, 30, 22, 29);
        return root;
    }

    /**
     * A generated game_video scenario whose video taste is a deterministic function of the game taste: 160 overlapping
     * users (ids 0..159) in four groups ({@code u % 4}); in game a user of group g chose 6 of the 10 items of block g
     * (items 10g..10g+9 of 40), in video 6 of the 10 items of block {@code (g + 1) % 4}, so a user's video factors are
     * a function of its game factors that is not the identity, and every video item is about as popular as any other.
     * Users 120..159 are cold in video (valid.txt / test.txt), users 0..3 cold in game; ids 3000..3009 are users of one
     * domain with 5 random interactions each.
     *
     * @param root the data root
     * @param seed the seed of the interactions
     * @return {@code root}
     * @throws IOException if a file cannot be written
     */
    public static Path writeClustered(Path root, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        writeClustered(root.resolve("game_video"), rng, 0, 0, 3);
        writeClustered(root.resolve("video_game"), rng, 1, 120, 159);
        return root;
    }

    private static void writeClustered(Path dir, SplittableRandom rng, int shift, int coldFrom, int coldTo)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder train = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int u = 0; u < 160; u++) {
            int block = (u % 4 + shift) % 4;
            boolean cold = u >= coldFrom && u <= coldTo;
            int[] chosen = rng.ints(0, 10).distinct().limit(6).map(i -> block * 10 + i).toArray();
            for (int k = 0; k < chosen.length; k++) {
                StringBuilder out = !cold ? train : k % 2 == 0 ? valid : test;
                out.append(u).append('\t').append(chosen[k]).append('\n');
            }
        }
        for (int u = 3000; u < 3010; u++) {
            for (int k = 0; k < 5; k++) {
                train.append(u).append('\t').append(rng.nextInt(40)).append('\n');
            }
        }
        Files.writeString(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("valid.txt"), valid, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("test.txt"), test, StandardCharsets.UTF_8);
    }

    private static void write(Path dir, SplittableRandom rng, int items, int coldFrom, int coldTo) throws IOException {
        Files.createDirectories(dir);
        StringBuilder train = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int user = 0; user < 30; user++) {
            int u = user;
            boolean cold = u >= coldFrom && u <= coldTo;
            // Tastes: even users like the lower half of the items, odd users the upper half.
            int[] chosen = rng.ints(0, items / 2).distinct().limit(6 + rng.nextInt(4)).map(i -> (u % 2) * (items / 2) + i)
                    .toArray();
            for (int k = 0; k < chosen.length; k++) {
                StringBuilder out = !cold ? train : k % 2 == 0 ? valid : test;
                out.append(u).append('\t').append(chosen[k]).append('\n');
            }
        }
        for (int u = 3000; u < 3010; u++) {
            for (int k = 0; k < 5; k++) {
                train.append(u).append('\t').append(rng.nextInt(items)).append('\n');
            }
        }
        Files.writeString(dir.resolve("train.txt"), train, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("valid.txt"), valid, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("test.txt"), test, StandardCharsets.UTF_8);
    }
}
