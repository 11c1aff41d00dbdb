package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.SplitPart;

/**
 * Loads one scenario of the Amazon cross-domain cold-start splits of CDRIB (Cao et al., "Cross-Domain
 * Recommendation to Cold-Start Users via Variational Information Bottleneck", ICDE 2022; the files of the
 * repository {@code cjx96/CDRIB}, folder {@code dataset/}) as a two-domain {@link SplitDataset} of implicit feedback.
 *
 * <p>A scenario is two folders, one per domain, each holding {@code train.txt}, {@code valid.txt} and
 * {@code test.txt}: tab-separated {@code user item} lines, no header, every line an interaction (loaded with
 * rating 1). The id scheme (the project's data README, read in CDRIB's {@code dataset/preprocessing/split_data.py}):
 * users {@code 0..C-1} are the overlapping users, the same person in both domains; ids from C up are users of one
 * domain only, so the same number in the two folders is two people; item ids are per domain. The loader keeps one
 * user for an id below C and two (raw ids {@code domain/id}) for an id from C up; items are {@code domain/id}.
 *
 * <p>With {@link LoadOptions#verifyChecksums()} each file's SHA-256 is compared with the released file's, and a
 * difference is a warning in the load report.
 */
public final class CdribLoader {

    /** The names of the three files of a domain folder, in part order. */
    public static final List<String> FILES = List.of("train.txt", "valid.txt", "test.txt");

    private static final byte[] TAB = {'\t'};

    private CdribLoader() {
    }

    /**
     * Where a scenario's two domains are and how many users they share.
     *
     * @param name the scenario's name in configs and reports, e.g. {@code game_video}
     * @param domains the two domain names, e.g. {@code [game, video]}
     * @param folders the folder of each domain, relative to the data root
     * @param overlapUsers C, the number of overlapping users (ids {@code 0..C-1})
     * @param sha256 file path relative to the root ({@code folder/train.txt}) to its SHA-256, for the known release
     */
    public record Layout(String name, List<String> domains, List<String> folders, int overlapUsers,
                         Map<String, String> sha256) {
        /** Requires two distinct domains with a folder each, and {@code C >= 0}; copies the lists. */
        public Layout {
            Objects.requireNonNull(name, "name");
            domains = List.copyOf(domains);
            folders = List.copyOf(folders);
            sha256 = Map.copyOf(sha256);
            if (domains.size() != 2 || folders.size() != 2 || domains.get(0).equals(domains.get(1))) {
                throw new IllegalArgumentException("CDRIB layout " + name + ": expected two distinct domains with one "
                        + "folder each, found domains " + domains + " and folders " + folders);
            }
            if (overlapUsers < 0) {
                throw new IllegalArgumentException("CDRIB layout " + name + ": expected overlap users >= 0, found "
                        + overlapUsers);
            }
        }
    }

    /** The two scenarios of the released data whose files are all present (the data README lists them). */
    public enum Scenario {
        /** Games ({@code game_video}) and Video ({@code video_game}); C = 2,179. */
        GAME_VIDEO(new Layout("game_video", List.of("game", "video"), List.of("game_video", "video_game"), 2179, Map.of(
                "game_video/train.txt", "758f443fde7211f7253d22999d4c94eb6a07ba10661d38ef3a72a5c78c70105f",
                "game_video/valid.txt", "e6dace5c64d53c0df3b09ed606a530b22d5147da068c0ae4e5bf8f805381a973",
                "game_video/test.txt", "b61703adcb7c9b0a8e4b61c865b650aee05b84fba7e15d690f0b50df3aa85bdc",
                "video_game/train.txt", "fcba16c5d28a052ae4251d5db055397fac34cb9a6bba36506d195982aacae887",
                "video_game/valid.txt", "2da785b3a1e7e1dbb4c0fcc35e47ea8654b7c4dbd4313f808da2a4e346cde812",
                "video_game/test.txt", "ba2cb882b8369635a2d72703f4ccbd961475064479c8727ef7cc3d973e800abd"))),
        /** Sports ({@code sport_cloth}) and Clothing ({@code cloth_sport}); C = 9,828. */
        SPORT_CLOTH(new Layout("sport_cloth", List.of("sport", "cloth"), List.of("sport_cloth", "cloth_sport"), 9828, Map.of(
                "sport_cloth/train.txt", "9c85ed3ce03c67d97cbf5f7789c70d74e47187d7ec0c5d220943f7ed4a92a4fc",
                "sport_cloth/valid.txt", "a7a61b75096decef81dc5e59efee15bf5af748ba123ddb22d373fc71ae4537df",
                "sport_cloth/test.txt", "6f15fea0aa3ec02e4609aa4245ac7a4c6ea3c5e30d662ed1155698ab606e2582",
                "cloth_sport/train.txt", "12885bf488ae0e3ef11c4dbc518f4bcc82dcccca799ae0506a21a4ce1ccff0c2",
                "cloth_sport/valid.txt", "f53c435ca8ec036048adcdf495e109dd7fc5f0917d1efdc29f4817f86a3f8fee",
                "cloth_sport/test.txt", "4980e2e43f9523f9f4633e36e7c84b84caa0d09324f7c768d4985425a2832077")));

        private final Layout layout;

        Scenario(Layout layout) {
            this.layout = layout;
        }

        /**
         * The scenario's folders, domains and overlap.
         *
         * @return the layout
         */
        public Layout layout() {
            return layout;
        }

        /**
         * The scenario named {@code name} ({@code game_video} or {@code sport_cloth}).
         *
         * @param name the name
         * @return the scenario
         * @throws IllegalArgumentException for another name
         */
        public static Scenario named(String name) {
            for (Scenario s : values()) {
                if (s.layout.name().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("CDRIB scenario: expected one of " + names() + ", found '" + name + "'");
        }

        /**
         * The scenarios' names.
         *
         * @return {@code [game_video, sport_cloth]}
         */
        public static List<String> names() {
            return Arrays.stream(values()).map(s -> s.layout.name()).toList();
        }
    }

    /**
     * Loads a released scenario from the data root {@code dir} (the folder holding {@code game_video/} and the others).
     *
     * @param dir the data root
     * @param scenario which scenario
     * @param options bad-line and checksum options
     * @return the two domains with their parts
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped), naming file and line
     */
    public static SplitDataset load(Path dir, Scenario scenario, LoadOptions options) throws IOException {
        return load(dir, scenario.layout(), options);
    }

    /**
     * Loads the scenario {@code layout} describes from the data root {@code dir}.
     *
     * @param dir the data root
     * @param layout the folders, domains and overlap
     * @param options bad-line and checksum options
     * @return the two domains with their parts
     * @throws IOException if a file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped), naming file and line
     */
    public static SplitDataset load(Path dir, Layout layout, LoadOptions options) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : layout.folders()) {
            for (String f : FILES) {
                Path file = dir.resolve(folder).resolve(f);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString(), null, "expected the CDRIB scenario " + layout.name()
                            + " (folders " + String.join(" and ", layout.folders()) + ", each holding "
                            + String.join(", ", FILES) + "), found no such file");
                }
                files.add(file);
            }
        }
        return new Reader(layout, options, "CDRIB Amazon " + layout.name() + " at " + dir).read(files);
    }

    /** The state of one load. */
    private static final class Reader {
        private final Layout layout;
        private final BadLines badLines;
        private final boolean verify;
        private final LoadReport.Builder report;
        private final Fields fields = new Fields();
        private final IdMap.Builder users = new IdMap.Builder();
        private final IdMap.Builder items = new IdMap.Builder();
        private final IntBuffer userColumn = new IntBuffer();
        private final IntBuffer itemColumn = new IntBuffer();
        private final IntBuffer domainColumn = new IntBuffer();
        private final IntBuffer partColumn = new IntBuffer();

        Reader(Layout layout, LoadOptions options, String source) {
            this.layout = layout;
            this.badLines = new BadLines(options);
            this.verify = options.verifyChecksums();
            this.report = LoadReport.builder(source);
        }

        SplitDataset read(List<Path> files) throws IOException {
            int[][] perPart = new int[2][FILES.size()];
            for (int d = 0; d < 2; d++) {
                for (int p = 0; p < FILES.size(); p++) {
                    int before = userColumn.size();
                    readFile(files.get(d * FILES.size() + p), d, p);
                    perPart[d][p] = userColumn.size() - before;
                }
            }
            IdMap userIds = users.build();
            IdMap itemIds = items.build();
            int n = userColumn.size();
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            Interactions x = Interactions.of(userIds, itemIds, new Domains(layout.domains()), userColumn.toArray(),
                    itemColumn.toArray(), ones, domainColumn.toArray(), null);
            report.rawCounts(userIds.size(), itemIds.size(), n);
            badLines.report(report);
            String duplicates = DuplicatePairs.warning(x, "the CDRIB files of " + layout.name());
            if (duplicates != null) {
                report.warn(duplicates);
            }
            SplitPart[] parts = new SplitPart[n];
            int[] partIndex = partColumn.toArray();
            for (int r = 0; r < n; r++) {
                parts[r] = SplitPart.values()[partIndex[r]];
            }
            int overlap = Math.min(layout.overlapUsers(), userIds.size());
            Dataset provisional = new Dataset(x, SideFeatures.none(userIds.size()), SideFeatures.none(itemIds.size()),
                    report.build(x));
            SplitDataset split = new SplitDataset(provisional, parts, overlap);
            report.note(String.format(Locale.ROOT, "overlapping users (ids 0..C-1, the same person in both domains): C = %,d",
                    layout.overlapUsers()));
            for (int d = 0; d < 2; d++) {
                report.note(String.format(Locale.ROOT, "%s: train %,d, valid %,d, test %,d interactions; cold users "
                        + "(held out in valid/test) %,d", layout.domains().get(d), perPart[d][0], perPart[d][1],
                        perPart[d][2], split.heldOutUsers(d).length));
            }
            Dataset dataset = new Dataset(x, provisional.userFeatures(), provisional.itemFeatures(), report.build(x));
            return new SplitDataset(dataset, parts, overlap);
        }

        private void readFile(Path file, int domain, int part) throws IOException {
            String folder = layout.folders().get(domain);
            String shown = folder + "/" + file.getFileName();
            int before = userColumn.size();
            try (LineReader in = LineReader.open(file, shown, verify)) {
                while (in.next()) {
                    if (in.isBlank()) {
                        continue;
                    }
                    try {
                        readRow(in, domain, part);
                    } catch (MalformedDataException e) {
                        badLines.handle(e);
                    }
                }
                if (verify) {
                    MovieLensFiles.verify(in, layout.sha256(), report);
                }
            }
            if (userColumn.size() == before) {
                throw new MalformedDataException(shown, "expected at least one interaction, found none");
            }
        }

        private void readRow(LineReader in, int domain, int part) {
            int n = fields.split(in, TAB);
            if (n != 2) {
                throw in.error("expected 2 tab-separated fields (user, item), found " + n);
            }
            int user = fields.parseInt(0, "the user id");
            int item = fields.parseInt(1, "the item id");
            if (user < 0) {
                throw fields.invalid(0, "a user id >= 0");
            }
            if (item < 0) {
                throw fields.invalid(1, "an item id >= 0");
            }
            String name = layout.domains().get(domain);
            // Below C one id is one person in both domains; from C up each domain numbers its own users.
            userColumn.add(users.add(user < layout.overlapUsers() ? Integer.toString(user) : name + "/" + user));
            itemColumn.add(items.add(name + "/" + item));
            domainColumn.add(domain);
            partColumn.add(part);
        }
    }
}
