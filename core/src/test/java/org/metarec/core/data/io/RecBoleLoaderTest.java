package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.data.Dataset;

/**
 * RecBole atomic files on hand-written data sets: fields of all four types (token, token_seq, float, float_seq) in
 * every file, a byte order mark, domains from an item field or from one {@code .inter} file each, and malformed
 * headers and lines named by file and line.
 */
class RecBoleLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void interactionsAreOneDomainNamedAfterTheDataSet() throws IOException {
        write("shop/shop.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "u1\ti1\t5\t100\nu1\ti2\t3\t200\nu2\ti1\t4\t300\n");
        Dataset d = RecBoleLoader.load(dir.resolve("shop"),
                new RecBoleLoader.FieldNames("user_id", "item_id", "rating", "timestamp", null), LoadOptions.DEFAULT);
        assertEquals(List.of("shop"), d.domains().names());
        assertEquals(3, d.interactions().size());
        assertEquals(2, d.interactions().userCount());
        assertTrue(d.interactions().hasTimestamps());
        assertEquals(300, d.interactions().timestamp(2));
        assertEquals(4.0, d.interactions().rating(2));
    }

    @Test
    void anItemFieldNamesTheDomainsAndItemsWithoutOneAreCounted() throws IOException {
        write("shop/shop.inter", "item_id:token\tuser_id:token\trating:float\n"
                + "i1\tu1\t5\ni2\tu1\t3\ni3\tu2\t4\ni9\tu2\t2\n");
        write("shop/shop.item", "item_id:token\ttitle:token_seq\tcategories:token_seq\n"
                + "i1\tA book\tbooks fiction\ni2\tA record\tmusic\ni3\tAnother book\tbooks\ni9\tNothing\t\n");
        Dataset d = RecBoleLoader.load(dir.resolve("shop"),
                new RecBoleLoader.FieldNames("user_id", "item_id", "rating", null, "categories"), LoadOptions.DEFAULT);
        assertEquals(List.of("books", "music"), d.domains().names());
        assertEquals(3, d.interactions().size());
        assertEquals(1L, d.report().dropped().get("ratings of items without a domain"));
        assertEquals(1, d.report().userOverlap(0, 1));
    }

    @Test
    void badHeadersAndLinesNameFileAndLine() throws IOException {
        write("a/a.inter", "user_id:token\titem_id\trating:float\n");
        assertEquals("a.inter:1: expected header fields name:type with a type of [token, token_seq, float, float_seq], "
                + "found 'item_id'", assertThrows(MalformedDataException.class,
                () -> RecBoleLoader.load(dir.resolve("a"), RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT)).getMessage());
        write("b/b.inter", "user_id:token\titem_id:token\tscore:float\n");
        assertEquals("b.inter:1: expected a field 'rating', found the fields [user_id, item_id, score]",
                assertThrows(MalformedDataException.class, () -> RecBoleLoader.load(dir.resolve("b"),
                        RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT)).getMessage());
        write("c/c.inter", "user_id:token\titem_id:token\trating:token\n");
        assertEquals("c.inter:1: expected field 'rating' of type float, found token",
                assertThrows(MalformedDataException.class, () -> RecBoleLoader.load(dir.resolve("c"),
                        RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT)).getMessage());
        write("d/d.inter", "user_id:token\titem_id:token\trating:float\nu1\ti1\t5\nu2\ti2\tfive\n");
        assertEquals("d.inter:3: expected the rating as a finite number, found 'five'",
                assertThrows(MalformedDataException.class, () -> RecBoleLoader.load(dir.resolve("d"),
                        RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT)).getMessage());
        Files.createDirectories(dir.resolve("e"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> RecBoleLoader.load(dir.resolve("e"), RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT));
        assertTrue(e.getReason().startsWith("expected e.inter (or exactly one .inter file), found none"), e.getReason());
        write("f/f.inter", "user_id:token\titem_id:token\trating:float\nu1\ti1\t5\n");
        NoSuchFileException missingItems = assertThrows(NoSuchFileException.class, () -> RecBoleLoader.load(dir.resolve("f"),
                new RecBoleLoader.FieldNames("user_id", "item_id", "rating", null, "categories"), LoadOptions.DEFAULT));
        assertTrue(missingItems.getReason().contains("domain field 'categories'"), missingItems.getReason());
    }
    @Test
    void fieldsOfEveryTypeAreAcceptedAndOnlyTheNamedOnesRead() throws IOException {
        // As in RecBole's own examples: sequences are space-separated inside a tab-separated field.
        write("all/all.inter", "\uFEFFuser_id:token\treview:token_seq\titem_id:token\tvec:float_seq\trating:float"
                + "\ttimestamp:float\n"
                + "u1\tgreat fun\ti1\t0.5 -1 2e3\t4.5\t978300760\n"
                + "u2\t\ti2\t\t1\t978300761\n");
        write("all/all.item", "\uFEFFitem_id:token\ttitle:token_seq\tprice:float\temb:float_seq\tgenre:token_seq\n"
                + "i1\tToy Story\t9.5\t1 2\tAnimation Comedy\n"
                + "i2\tHeat\t3\t0\tCrime\n");
        Dataset d = RecBoleLoader.load(dir.resolve("all"),
                new RecBoleLoader.FieldNames("user_id", "item_id", "rating", "timestamp", "genre"), LoadOptions.DEFAULT);
        assertEquals(List.of("Animation", "Crime"), d.domains().names(), "the first token of the token_seq genre");
        assertEquals(List.of("u1", "u2"), d.interactions().userIds().rawIds(), "the byte order mark is not in 'u1'");
        assertEquals(List.of("i1", "i2"), d.interactions().itemIds().rawIds());
        assertEquals(4.5, d.interactions().rating(0));
        assertEquals(978300761L, d.interactions().timestamp(1));
        assertTrue(d.report().dropped().isEmpty(), d.report().toText());
    }

    @Test
    void eachInterFileCanBeADomain() throws IOException {
        write("cdr/Books.inter", "user_id:token\titem_id:token\trating:float\nu1\t17\t5\nu2\t18\t4\n");
        write("cdr/Movies.inter", "item_id:token\trating:float\tuser_id:token\textra:token_seq\n17\t3\tu2\ta b\n"
                + "20\t2\tu3\t\n");
        Dataset d = RecBoleLoader.loadDomainFiles(dir.resolve("cdr"), List.of("Books.inter", "Movies.inter"),
                RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT);
        assertEquals(List.of("Books", "Movies"), d.domains().names());
        assertEquals(List.of("u1", "u2", "u3"), d.interactions().userIds().rawIds());
        assertEquals(List.of("Books/17", "Books/18", "Movies/17", "Movies/20"), d.interactions().itemIds().rawIds(),
                "item 17 of two data sets is two items");
        assertEquals(1, d.report().userOverlap(0, 1), "u2 is in both files");

        write("cdr2/A.inter", "user_id:token\titem_id:token\trating:float\nu1\t1\t5\n");
        write("cdr2/B.inter", "user_id:token\titem_id:token\trating:token\nu1\t1\t5\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> RecBoleLoader.loadDomainFiles(
                dir.resolve("cdr2"), List.of("A.inter", "B.inter"), RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT));
        assertEquals("B.inter:1: expected field 'rating' of type float, found token", e.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> RecBoleLoader.loadDomainFiles(
                dir.resolve("cdr2"), List.of("A.inter", "C.inter"), RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT));
        assertTrue(missing.getFile().endsWith("C.inter"), missing.getFile());
        assertThrows(IllegalArgumentException.class, () -> RecBoleLoader.loadDomainFiles(dir.resolve("cdr2"),
                List.of("A.inter"), new RecBoleLoader.FieldNames("user_id", "item_id", "rating", null, "genre"),
                LoadOptions.DEFAULT));
    }

    @Test
    void malformedHeadersAndItemLinesNameFileAndLine() throws IOException {
        write("g/g.inter", "user_id:token\titem_id:int\trating:float\n");
        assertEquals("g.inter:1: expected header fields name:type with a type of [token, token_seq, float, float_seq], "
                + "found 'item_id:int'", load("g").getMessage());
        write("h/h.inter", "user_id:token\titem_id:token\trating:float\tuser_id:float\n");
        assertEquals("h.inter:1: expected distinct field names, found 'user_id' twice", load("h").getMessage());
        write("i/i.inter", "");
        assertEquals("i.inter:1: expected a header of name:type fields, found an empty file", load("i").getMessage());
        write("j/j.inter", "user_id:token\titem_id:token\trating:float\nu1\ti1\t5\nu1\ti2\n");
        assertEquals("j.inter:3: expected 3 tab-separated fields (user_id:token, item_id:token, rating:float), found 2",
                load("j").getMessage());
        write("k/k.inter", "user_id:token\titem_id:token\trating:float\nu1\ti1\t5\n");
        write("k/k.item", "item_id:token\tgenre:token_seq\ni1\tDrama\ni2\n");
        assertEquals("k.item:3: expected 2 tab-separated fields (item_id, genre), found 1",
                assertThrows(MalformedDataException.class, () -> RecBoleLoader.load(dir.resolve("k"),
                        new RecBoleLoader.FieldNames("user_id", "item_id", "rating", null, "genre"), LoadOptions.DEFAULT))
                        .getMessage());
        write("l/l.inter", "user_id:token\titem_id:token\trating:float\nu1\ti1\t5\n");
        write("l/l.item", "item_id:token\tgenre:float_seq\ni1\t1 2\n");
        assertEquals("l.item:1: expected field 'genre' of type token or token_seq, found float_seq",
                assertThrows(MalformedDataException.class, () -> RecBoleLoader.load(dir.resolve("l"),
                        new RecBoleLoader.FieldNames("user_id", "item_id", "rating", null, "genre"), LoadOptions.DEFAULT))
                        .getMessage());
    }

    private MalformedDataException load(String name) {
        return assertThrows(MalformedDataException.class,
                () -> RecBoleLoader.load(dir.resolve(name), RecBoleLoader.FieldNames.defaults(), LoadOptions.DEFAULT));
    }
}
