package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.DomainSummary;
import org.metarec.core.data.Interactions;
import org.metarec.core.data.SideFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MovieLens 1M loader on a small invented data set in the release's format. */
class MovieLens1mLoaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeFixture() throws IOException {
        write("users.dat", "7::F::25::12::12345\n8::M::56::20::A1B\n");
        // Movie 2's title contains "::", which must not shift the genre field.
        write("movies.dat", "1::Film A (1995)::Action|Drama\n2::Film::B (1980)::Comedy\n"
                + "3::Caf\u00e9 C (2000)::Horror\n");
        write("ratings.dat", "7::1::5::978300760\n7::3::3::978300761\n8::2::4::978300762\n8::1::2::978300763\n");
    }

    private void write(String name, String content) throws IOException {
        Files.write(dir.resolve(name), content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Dataset load(String... genres) throws IOException {
        return MovieLens1mLoader.load(dir, DomainAssignment.byGenres(List.of(genres)), LoadOptions.DEFAULT);
    }

    @Test
    void loadsGenreDomainsAndDropsItemsWithoutThem() throws IOException {
        Dataset d = load("Comedy", "Action");
        Interactions x = d.interactions();
        assertEquals(List.of("Comedy", "Action"), d.domains().names());
        assertEquals(List.of("1", "2"), x.itemIds().rawIds(), "movie 3 (Horror) is dropped");
        assertEquals(List.of("7", "8"), x.userIds().rawIds());
        assertEquals(3, x.size());
        // Rows: (7,1,5) Action, (8,2,4) Comedy, (8,1,2) Action.
        assertArrayEquals(new double[] {5, 4, 2}, x.ratings(x.allRows()));
        assertArrayEquals(new int[] {1, 0, 1}, new int[] {x.domain(0), x.domain(1), x.domain(2)});
        assertEquals(978300763L, x.timestamp(2));
        assertEquals(new DomainSummary("Action", 2, 1, 2), d.report().domains().get(1));
        assertEquals(Map.of("items with none of the genres [Comedy, Action]", 1L,
                "ratings of items with none of the genres [Comedy, Action]", 1L), d.report().dropped());
        assertEquals(List.of(), d.report().warnings(), "no checksum is known, so none is compared");
    }

    @Test
    void features() throws IOException {
        Dataset d = load("Comedy", "Action");
        SideFeatures users = d.userFeatures();
        assertEquals(2, users.category("ageGroup", 0), "code 25 is 25-34");
        assertEquals(6, users.category("ageGroup", 1), "code 56 is 56+");
        assertEquals(1, users.category("gender", 0));
        assertEquals(12, users.category("occupation", 0));
        assertEquals("occupation=programmer", users.featureName(users.offset("occupation") + 12));
        assertEquals(10, users.category("zipRegion", 1));
        SideFeatures items = d.itemFeatures();
        // Genre indices in the 18-genre list: Action 0, Drama 7, Comedy 4.
        assertArrayEquals(new int[] {0, 7}, items.categories("genres", 0));
        assertArrayEquals(new int[] {4}, items.categories("genres", 1));
        // Years 1995 and 1980 from the titles: decades [1980s, 1990s].
        assertEquals(1, items.category("releaseDecade", 0));
        assertEquals(0, items.category("releaseDecade", 1));
        assertArrayEquals(new int[] {1995, 1980}, d.itemYears(), "the years themselves, by kept item");
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        write("movies.dat", "1::Film A (1995)::Action|Foo\n");
        MalformedDataException genre = assertThrows(MalformedDataException.class, () -> load("Action"));
        assertEquals("movies.dat:1: expected genres of " + MovieLensAttributes.ML_1M_GENRES
                + " separated by '|', found 'Action|Foo'", genre.getMessage());
        writeFixture();
        write("users.dat", "7::F::20::12::12345\n");
        assertEquals("users.dat:1: expected an age code 1, 18, 25, 35, 45, 50 or 56, found '20'", loadFailure());
        writeFixture();
        write("ratings.dat", "7::1::5::978300760\n7:1:5:978300761\n");
        assertEquals("ratings.dat:2: expected 4 '::'-separated fields (user, movie, rating, timestamp), found 1",
                loadFailure());
        write("ratings.dat", "7::1::5::978300760\n9::1::5::978300761\n");
        assertEquals("ratings.dat:2: expected a user id listed in users.dat, found '9'", loadFailure());
        write("ratings.dat", "7::4::5::978300760\n");
        assertEquals("ratings.dat:1: expected a movie id listed in movies.dat, found '4'", loadFailure());
        write("ratings.dat", "7::1::0::978300760\n");
        assertEquals("ratings.dat:1: expected a rating 1..5, found '0'", loadFailure());
    }

    /** The message of the malformed line that stops loading the fixture with the Action domain. */
    private String loadFailure() {
        return assertThrows(MalformedDataException.class, () -> load("Action")).getMessage();
    }

    @Test
    void unknownGenreIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("Westerns"));
        assertEquals("genres as domains[0]: expected a genre of MovieLens 1M " + MovieLensAttributes.ML_1M_GENRES
                + ", found 'Westerns'", e.getMessage());
    }
}
