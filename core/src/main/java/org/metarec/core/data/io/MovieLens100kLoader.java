package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;

/**
 * Loads MovieLens 100K (GroupLens; Harper and Konstan, ACM TiiS 5(4), 2015) from its directory.
 *
 * <p>Files: {@code u.data} (tab-separated user, item, rating 1..5, timestamp), {@code u.item}
 * ({@code |}-separated, ISO-8859-1: id, title, release date, video release date, IMDb URL and one 0/1 flag per
 * genre of {@code u.genre}), {@code u.user} (id|age|gender|occupation|zip), {@code u.genre} (name|index) are
 * required; {@code u.occupation} (the occupation vocabulary) and {@code u.info} are optional.
 *
 * <p>Users are all users of u.user, in file order; items are those kept by the {@link DomainAssignment}, in
 * file order; rows follow u.data. User features: numeric {@code age} (years), categorical {@code ageGroup}
 * (the MovieLens 1M groups), {@code gender}, {@code occupation}, {@code zipRegion} (first digit). Item
 * features: multi-hot {@code genres}, categorical {@code releaseDecade}; the year of the release date is the
 * data set's {@link Dataset#itemYears()} (0 where u.item gives no date).
 *
 * <p>With {@link LoadOptions#verifyChecksums()} each file's SHA-256 is compared with the official release; a
 * difference is a warning in the report (many circulating copies are silently altered).
 */
public final class MovieLens100kLoader {

    private static final String DATA_SET = "MovieLens 100K";
    private static final byte[] PIPE = {'|'};
    private static final byte[] TAB = {'\t'};
    private static final MovieLensRatings.Format RATINGS = new MovieLensRatings.Format(TAB,
            "4 tab-separated fields (user, item, rating, timestamp)", "the item id", "a user id listed in u.user",
            "an item id listed in u.item");

    private final Path dir;
    private final LoadOptions options;
    private final BadLines badLines;
    private final LoadReport.Builder report;
    private final Fields fields = new Fields();

    private MovieLens100kLoader(Path dir, LoadOptions options) {
        this.dir = dir;
        this.options = options;
        this.badLines = new BadLines(options);
        this.report = LoadReport.builder(DATA_SET + " at " + dir);
    }

    /**
     * Loads the data set.
     *
     * @param dir the directory holding u.data, u.item, u.user and u.genre
     * @param assignment genre domains (names as in u.genre) or a single domain
     * @param options bad-line and checksum options
     * @return the data set and its load report
     * @throws IOException if a required file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped)
     * @throws IllegalArgumentException for a configured genre that u.genre does not list
     */
    public static Dataset load(Path dir, DomainAssignment assignment, LoadOptions options) throws IOException {
        return new MovieLens100kLoader(dir, options).run(assignment);
    }

    private Dataset run(DomainAssignment assignment) throws IOException {
        List<String> genres = readGenres();
        List<String> occupations = readOccupations();
        Users users = readUsers(occupations);
        MovieLensItems items = readItems(genres, assignment);
        Interactions interactions = readRatings(users, items);
        verifyOptional("u.info");
        String duplicates = DuplicatePairs.warning(interactions, "u.data");
        if (duplicates != null) {
            report.warn(duplicates);
        }
        badLines.report(report);
        SideFeatures userFeatures = SideFeatures.builder(users.ids.size())
                .numeric("age", toDoubles(users.age.toArray()))
                .categorical("ageGroup", MovieLensAttributes.AGE_GROUPS, users.ageGroup.toArray())
                .categorical("gender", List.of("M", "F"), users.gender.toArray())
                .categorical("occupation", users.occupations, users.occupation.toArray())
                .categorical("zipRegion", MovieLensAttributes.ZIP_REGIONS, users.zipRegion.toArray())
                .build();
        int[] years = items.year.toArray();
        List<String> decades = MovieLensAttributes.decadeVocabulary(years);
        SideFeatures.Builder itemFeatures = SideFeatures.builder(items.ids.size())
                .multiHot("genres", genres, items.genres.toArray(new int[0][]));
        if (!decades.isEmpty()) {
            itemFeatures.categorical("releaseDecade", decades, MovieLensAttributes.decadeCodes(years, decades));
        }
        return new Dataset(interactions, userFeatures, itemFeatures.build(), report.build(interactions), years);
    }

    private List<String> readGenres() throws IOException {
        List<String> genres = new ArrayList<>();
        try (LineReader in = open("u.genre", true)) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                try {
                    if (fields.split(in, PIPE) != 2) {
                        throw in.error("expected 2 '|'-separated fields (genre, index), found " + fields.count());
                    }
                    int index = fields.parseInt(1, "the genre index");
                    if (index != genres.size()) {
                        throw in.error("expected genre index " + genres.size() + ", found " + index);
                    }
                    genres.add(fields.text(0));
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
            verify(in);
        }
        if (genres.isEmpty()) {
            throw new MalformedDataException("u.genre", 1, "expected at least one genre, found none");
        }
        return genres;
    }

    private List<String> readOccupations() throws IOException {
        if (!Files.isRegularFile(dir.resolve("u.occupation"))) {
            report.warn("u.occupation is missing: the occupation vocabulary is taken from u.user");
            return null;
        }
        List<String> occupations = new ArrayList<>();
        try (LineReader in = open("u.occupation", false)) {
            while (in.next()) {
                if (!in.isBlank()) {
                    String occupation = in.text(StandardCharsets.ISO_8859_1).trim();
                    if (occupations.contains(occupation)) {
                        badLines.handle(in.error("expected a new occupation, found '" + occupation + "' again"));
                    } else {
                        occupations.add(occupation);
                    }
                }
            }
            verify(in);
        }
        return occupations;
    }

    private Users readUsers(List<String> knownOccupations) throws IOException {
        Users users = new Users(knownOccupations);
        IdMap.Builder ids = new IdMap.Builder();
        try (LineReader in = open("u.user", true)) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                try {
                    if (fields.split(in, PIPE) != 5) {
                        throw in.error("expected 5 '|'-separated fields (user id, age, gender, occupation, zip code), "
                                + "found " + fields.count());
                    }
                    int id = fields.parseInt(0, "the user id");
                    int age = fields.parseInt(1, "the age in years");
                    if (age < 0 || age > 150) {
                        throw fields.invalid(1, "an age in years (0..150)");
                    }
                    String gender = fields.text(2);
                    int genderCode = gender.equals("M") ? 0 : gender.equals("F") ? 1 : -1;
                    if (genderCode < 0) {
                        throw fields.invalid(2, "gender M or F");
                    }
                    String occupation = fields.text(3);
                    int occupationCode = users.occupations.indexOf(occupation);
                    if (occupationCode < 0) {
                        if (knownOccupations != null) {
                            throw fields.invalid(3, "an occupation listed in u.occupation");
                        }
                        occupationCode = users.occupations.size();
                        users.occupations.add(occupation);
                    }
                    if (!users.table.put(id, ids.size())) {
                        throw in.error("expected a user id not seen before, found " + id + " again");
                    }
                    ids.add(fields.text(0).trim());
                    users.age.add(age);
                    users.ageGroup.add(MovieLensAttributes.ageGroupOfAge(age));
                    users.gender.add(genderCode);
                    users.occupation.add(occupationCode);
                    users.zipRegion.add(MovieLensAttributes.zipRegion(fields.text(4)));
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
            verify(in);
        }
        users.ids = ids.build();
        if (users.ids.size() == 0) {
            throw new MalformedDataException("u.user", "expected at least one user, found none");
        }
        return users;
    }

    private MovieLensItems readItems(List<String> genres, DomainAssignment assignment) throws IOException {
        int[] priority;
        List<String> domainNames;
        if (assignment instanceof DomainAssignment.ByGenre byGenre) {
            priority = MovieLensAttributes.resolveGenres(byGenre.genres(), genres, "u.genre");
            domainNames = MovieLensAttributes.genreNames(priority, genres);
        } else {
            priority = null;
            domainNames = List.of(((DomainAssignment.Single) assignment).name());
        }
        MovieLensItems items = new MovieLensItems(new Domains(domainNames));
        IdMap.Builder ids = new IdMap.Builder();
        int expectedFields = 5 + genres.size();
        boolean[] flags = new boolean[genres.size()];
        int droppedItems = 0;
        try (LineReader in = open("u.item", true)) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                try {
                    if (fields.split(in, PIPE) != expectedFields) {
                        throw in.error("expected " + expectedFields + " '|'-separated fields (movie id, title, release "
                                + "date, video release date, IMDb URL and " + genres.size() + " genre flags), found "
                                + fields.count());
                    }
                    int id = fields.parseInt(0, "the movie id");
                    int year = releaseYear(in);
                    IntBuffer itemGenres = new IntBuffer();
                    for (int g = 0; g < flags.length; g++) {
                        int f = 5 + g;
                        boolean one = fields.text(f).equals("1");
                        if (!one && !fields.text(f).equals("0")) {
                            throw fields.invalid(f, "genre flag 0 or 1 for " + genres.get(g));
                        }
                        flags[g] = one;
                        if (one) {
                            itemGenres.add(g);
                        }
                    }
                    int domain = priority == null ? 0 : MovieLensAttributes.firstListedGenre(flags, priority);
                    int position = items.keptIndex.size();
                    if (!items.table.put(id, position)) {
                        throw in.error("expected a movie id not seen before, found " + id + " again");
                    }
                    if (domain < 0) {
                        items.keptIndex.add(-1);
                        items.domainOf.add(-1);
                        droppedItems++;
                        continue;
                    }
                    items.keptIndex.add(ids.size());
                    items.domainOf.add(domain);
                    ids.add(fields.text(0).trim());
                    items.year.add(year);
                    items.genres.add(itemGenres.toArray());
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
            verify(in);
        }
        items.ids = ids.build();
        if (items.keptIndex.size() == 0) {
            throw new MalformedDataException("u.item", "expected at least one movie, found none");
        }
        report.drop("items with none of the genres " + domainNames, droppedItems);
        return items;
    }

    /** The year of a release date "d-Mmm-yyyy" or "dd-Mmm-yyyy" (field 2), or 0 when the field is empty. */
    private int releaseYear(LineReader in) {
        if (fields.isEmpty(2)) {
            return 0;
        }
        String date = fields.text(2);
        int lastDash = date.lastIndexOf('-');
        int firstDash = date.indexOf('-');
        if (firstDash < 1 || firstDash > 2 || lastDash != firstDash + 4 || date.length() != lastDash + 5) {
            throw fields.invalid(2, "a release date like 01-Jan-1995 or nothing");
        }
        int year = 0;
        for (int i = lastDash + 1; i < date.length(); i++) {
            char c = date.charAt(i);
            if (c < '0' || c > '9') {
                throw fields.invalid(2, "a release date like 01-Jan-1995 or nothing");
            }
            year = year * 10 + (c - '0');
        }
        return year;
    }

    private Interactions readRatings(Users users, MovieLensItems items) throws IOException {
        try (LineReader in = open("u.data", true)) {
            Interactions ratings = MovieLensRatings.read(in, RATINGS, fields, badLines, report, users.table, users.ids,
                    items);
            verify(in);
            return ratings;
        }
    }

    private void verifyOptional(String name) throws IOException {
        if (options.verifyChecksums() && Files.isRegularFile(dir.resolve(name))) {
            try (LineReader in = open(name, false)) {
                verify(in);
            }
        }
    }

    private LineReader open(String name, boolean required) throws IOException {
        Path file = required ? MovieLensFiles.required(dir, name, DATA_SET) : dir.resolve(name);
        return LineReader.open(file, name, options.verifyChecksums());
    }

    private void verify(LineReader in) throws IOException {
        if (options.verifyChecksums()) {
            MovieLensFiles.verify(in, Checksums.ML_100K, report);
        }
    }

    private static double[] toDoubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Columns of u.user. */
    private static final class Users {
        final IntIdTable table = new IntIdTable();
        final List<String> occupations;
        final IntBuffer age = new IntBuffer();
        final IntBuffer ageGroup = new IntBuffer();
        final IntBuffer gender = new IntBuffer();
        final IntBuffer occupation = new IntBuffer();
        final IntBuffer zipRegion = new IntBuffer();
        IdMap ids;

        Users(List<String> knownOccupations) {
            this.occupations = knownOccupations == null ? new ArrayList<>() : new ArrayList<>(knownOccupations);
        }
    }
}
