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

/** RecBole atomic files on hand-written data sets. */
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
}
