package org.metarec.core.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.LoadReport;
import org.metarec.core.data.SideFeatures;

/**
 * Loads MovieLens 1M (GroupLens; Harper and Konstan, ACM TiiS 5(4), 2015) from its directory.
 *
 * <p>Files, {@code ::}-separated and ISO-8859-1: {@code ratings.dat} (UserID::MovieID::Rating::Timestamp),
 * {@code movies.dat} (MovieID::Title::Genres, genres separated by {@code |}, from the 18 genres of the
 * release), {@code users.dat} (UserID::Gender::Age::Occupation::Zip-code, with the age-group and occupation
 * codes of the release's README).
 *
 * <p>Users are all users of users.dat in file order; items those kept by the {@link DomainAssignment}; rows
 * follow ratings.dat. User features: categorical {@code ageGroup}, {@code gender}, {@code occupation},
 * {@code zipRegion}. Item features: multi-hot {@code genres}, categorical {@code releaseDecade} (from the
 * year in the title); the year itself is the data set's {@link Dataset#itemYears()} (0 for a title without one).
 *
 * <p><b>Checksums.</b> No official per-file SHA-256 of MovieLens 1M is known (GroupLens publishes only the MD5
 * of the zip archive), so unlike {@link MovieLens100kLoader} this loader cannot verify its files;
 * {@link LoadOptions#verifyChecksums()} has no effect here.
 */
public final class MovieLens1mLoader {

    private static final String DATA_SET = "MovieLens 1M";
    private static final byte[] SEPARATOR = {':', ':'};
    private static final MovieLensRatings.Format RATINGS = new MovieLensRatings.Format(SEPARATOR,
            "4 '::'-separated fields (user, movie, rating, timestamp)", "the movie id", "a user id listed in users.dat",
            "a movie id listed in movies.dat");

    private final Path dir;
    private final BadLines badLines;
    private final LoadReport.Builder report;
    private final Fields fields = new Fields();

    private MovieLens1mLoader(Path dir, LoadOptions options) {
        this.dir = dir;
        this.badLines = new BadLines(options);
        this.report = LoadReport.builder(DATA_SET + " at " + dir);
    }

    /**
     * Loads the data set.
     *
     * @param dir the directory holding ratings.dat, movies.dat and users.dat
     * @param assignment genre domains (names of the 18 MovieLens 1M genres) or a single domain
     * @param options bad-line options
     * @return the data set and its load report
     * @throws IOException if a required file is missing or cannot be read
     * @throws MalformedDataException for a malformed line (unless bad lines are skipped)
     * @throws IllegalArgumentException for a configured genre that MovieLens 1M does not have
     */
    public static Dataset load(Path dir, DomainAssignment assignment, LoadOptions options) throws IOException {
        return new MovieLens1mLoader(dir, options).run(assignment);
    }

    private Dataset run(DomainAssignment assignment) throws IOException {
        Users users = readUsers();
        MovieLensItems items = readItems(assignment);
        Interactions interactions = readRatings(users, items);
        String duplicates = DuplicatePairs.warning(interactions, "ratings.dat");
        if (duplicates != null) {
            report.warn(duplicates);
        }
        badLines.report(report);
        SideFeatures userFeatures = SideFeatures.builder(users.ids.size())
                .categorical("ageGroup", MovieLensAttributes.AGE_GROUPS, users.ageGroup.toArray())
                .categorical("gender", List.of("M", "F"), users.gender.toArray())
                .categorical("occupation", MovieLensAttributes.ML_1M_OCCUPATIONS, users.occupation.toArray())
                .categorical("zipRegion", MovieLensAttributes.ZIP_REGIONS, users.zipRegion.toArray())
                .build();
        int[] years = items.year.toArray();
        List<String> decades = MovieLensAttributes.decadeVocabulary(years);
        SideFeatures.Builder itemFeatures = SideFeatures.builder(items.ids.size())
                .multiHot("genres", MovieLensAttributes.ML_1M_GENRES, items.genres.toArray(new int[0][]));
        if (!decades.isEmpty()) {
            itemFeatures.categorical("releaseDecade", decades, MovieLensAttributes.decadeCodes(years, decades));
        }
        return new Dataset(interactions, userFeatures, itemFeatures.build(), report.build(interactions), years);
    }

    private Users readUsers() throws IOException {
        Users users = new Users();
        IdMap.Builder ids = new IdMap.Builder();
        try (LineReader in = open("users.dat")) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                try {
                    if (fields.split(in, SEPARATOR) != 5) {
                        throw in.error("expected 5 '::'-separated fields (user id, gender, age, occupation, zip code), "
                                + "found " + fields.count());
                    }
                    int id = fields.parseInt(0, "the user id");
                    String gender = fields.text(1);
                    int genderCode = gender.equals("M") ? 0 : gender.equals("F") ? 1 : -1;
                    if (genderCode < 0) {
                        throw fields.invalid(1, "gender M or F");
                    }
                    int ageCode = fields.parseInt(2, "the age code");
                    int ageGroup = -1;
                    for (int g = 0; g < MovieLensAttributes.AGE_GROUP_CODES.length; g++) {
                        if (MovieLensAttributes.AGE_GROUP_CODES[g] == ageCode) {
                            ageGroup = g;
                        }
                    }
                    if (ageGroup < 0) {
                        throw fields.invalid(2, "an age code 1, 18, 25, 35, 45, 50 or 56");
                    }
                    int occupation = fields.parseInt(3, "the occupation code");
                    if (occupation < 0 || occupation >= MovieLensAttributes.ML_1M_OCCUPATIONS.size()) {
                        throw fields.invalid(3, "an occupation code 0..20");
                    }
                    if (!users.table.put(id, ids.size())) {
                        throw in.error("expected a user id not seen before, found " + id + " again");
                    }
                    ids.add(fields.text(0).trim());
                    users.gender.add(genderCode);
                    users.ageGroup.add(ageGroup);
                    users.occupation.add(occupation);
                    users.zipRegion.add(MovieLensAttributes.zipRegion(fields.text(4)));
                } catch (MalformedDataException e) {
                    badLines.handle(e);
                }
            }
        }
        users.ids = ids.build();
        if (users.ids.size() == 0) {
            throw new MalformedDataException("users.dat", "expected at least one user, found none");
        }
        return users;
    }

    private MovieLensItems readItems(DomainAssignment assignment) throws IOException {
        List<String> vocabulary = MovieLensAttributes.ML_1M_GENRES;
        int[] priority;
        List<String> domainNames;
        if (assignment instanceof DomainAssignment.ByGenre byGenre) {
            priority = MovieLensAttributes.resolveGenres(byGenre.genres(), vocabulary, DATA_SET);
            domainNames = MovieLensAttributes.genreNames(priority, vocabulary);
        } else {
            priority = null;
            domainNames = List.of(((DomainAssignment.Single) assignment).name());
        }
        MovieLensItems items = new MovieLensItems(new Domains(domainNames));
        IdMap.Builder ids = new IdMap.Builder();
        boolean[] flags = new boolean[vocabulary.size()];
        int droppedItems = 0;
        try (LineReader in = open("movies.dat")) {
            while (in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                try {
                    int n = fields.split(in, SEPARATOR);
                    if (n < 3) {
                        throw in.error("expected 3 '::'-separated fields (movie id, title, genres), found " + n);
                    }
                    int id = fields.parseInt(0, "the movie id");
                    // A title could itself contain "::", so the genres are the last field and the title ends before.
                    int year = yearAtEndOfTitle(fields.text(n - 2).trim());
                    String genreField = fields.text(n - 1);
                    Arrays.fill(flags, false);
                    IntBuffer itemGenres = new IntBuffer();
                    for (String genre : genreField.split("\\|", -1)) {
                        int g = vocabulary.indexOf(genre);
                        if (g < 0) {
                            throw fields.invalid(n - 1, "genres of " + vocabulary + " separated by '|'");
                        }
                        if (!flags[g]) {
                            flags[g] = true;
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
        }
        items.ids = ids.build();
        if (items.keptIndex.size() == 0) {
            throw new MalformedDataException("movies.dat", "expected at least one movie, found none");
        }
        report.drop("items with none of the genres " + domainNames, droppedItems);
        return items;
    }

    /** The year in a title ending with "(yyyy)", or 0 if it has none. */
    private static int yearAtEndOfTitle(String title) {
        int n = title.length();
        if (n < 6 || title.charAt(n - 1) != ')' || title.charAt(n - 6) != '(') {
            return 0;
        }
        int year = 0;
        for (int i = n - 5; i < n - 1; i++) {
            char c = title.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            year = year * 10 + (c - '0');
        }
        return year;
    }

    private Interactions readRatings(Users users, MovieLensItems items) throws IOException {
        try (LineReader in = open("ratings.dat")) {
            return MovieLensRatings.read(in, RATINGS, fields, badLines, report, users.table, users.ids, items);
        }
    }

    private LineReader open(String name) throws IOException {
        return LineReader.open(MovieLensFiles.required(dir, name, DATA_SET), name, false);
    }

    /** Columns of users.dat. */
    private static final class Users {
        final IntIdTable table = new IntIdTable();
        final IntBuffer gender = new IntBuffer();
        final IntBuffer ageGroup = new IntBuffer();
        final IntBuffer occupation = new IntBuffer();
        final IntBuffer zipRegion = new IntBuffer();
        IdMap ids;
    }
}
