package org.metarec.experiments.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.io.AmazonLoader;
import org.metarec.core.data.SplitDataset;
import org.metarec.core.data.io.CdribLoader;
import org.metarec.core.data.io.DelimitedFormat;
import org.metarec.core.data.io.DelimitedLoader;
import org.metarec.core.data.io.DomainAssignment;
import org.metarec.core.data.io.DoubanLoader;
import org.metarec.core.data.io.LoadOptions;
import org.metarec.core.data.io.MovieLens100kLoader;
import org.metarec.core.data.io.MovieLens1mLoader;
import org.metarec.core.data.io.RecBoleLoader;
import org.metarec.core.random.Rng;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigSchema;

/**
 * Loads (MovieLens, Douban, Amazon, RecBole, delimited files) or generates (the synthetic world) the data set a config's {@code data}
 * section describes, using the loaders of the core module. Every load report lists what was read, kept and dropped.
 */
public final class DataSources {

    private DataSources() {
    }

    /** True when {@code data.source} describes a data set of ratings (every source except {@code sinusoid}). */
    public static boolean hasDataset(Config config) {
        return !config.getString("data.source").equals("sinusoid");
    }

    /**
     * True when the config reads its data set from files (every source of ratings but {@code synthetic}), which can
     * be malformed; false for generated data and for kinds without a data section.
     */
    public static boolean readsFiles(Config config) {
        return config.isSet("data.source") && hasDataset(config) && !config.getString("data.source").equals("synthetic");
    }

    /**
     * The data set of {@code config}, each file read by one thread ({@link #load(Config, int)}).
     *
     * @throws IllegalArgumentException for {@code sinusoid}, whose tasks are generated on the fly, and for malformed
     *                                  data (the message names {@code file:line})
     * @throws IOException              when a file cannot be read
     */
    public static Dataset load(Config config) throws IOException {
        return load(config, 1);
    }

    /**
     * The data set of {@code config}, with up to {@code threads} threads reading one file at once (the Amazon
     * loader's chunks; the other loaders read on one thread). The data set does not depend on {@code threads}.
     *
     * @throws IllegalArgumentException for {@code sinusoid}, whose tasks are generated on the fly, and for malformed
     *                                  data (the message names {@code file:line})
     * @throws IOException              when a file cannot be read
     */
    public static Dataset load(Config config, int threads) throws IOException {
        if (config.getString("data.source").equals("synthetic")) {
            return synthetic(config).dataset();
        }
        LoadOptions options = new LoadOptions(config.getBoolean("data.skip_bad_lines"), true, threads);
        return switch (config.getString("data.source")) {
            case "movielens100k" -> MovieLens100kLoader.load(config.getPath("data.path"), genres(config), options);
            case "movielens1m" -> MovieLens1mLoader.load(config.getPath("data.path"), genres(config), options);
            case "douban" -> DoubanLoader.load(config.getPath("data.path"), options);
            case "amazon" -> amazon(config, options);
            case "recbole" -> config.getStringList("data.recbole.domain_files").isEmpty()
                    ? RecBoleLoader.load(config.getPath("data.path"), recboleFields(config), options)
                    : RecBoleLoader.loadDomainFiles(config.getPath("data.path"), config.getStringList("data.recbole.domain_files"),
                            recboleFields(config), options);
            case "delimited" -> delimited(config, options);
            case "cdrib" -> cdrib(config).dataset();
            default -> throw new IllegalArgumentException("data.source " + config.getString("data.source")
                    + " generates its tasks on the fly; it has no data set to load");
        };
    }

    /**
     * The CDRIB scenario of {@code data.cdrib.scenario} under {@code data.path}, with the part (train, valid, test) of
     * every row.
     *
     * @throws IllegalArgumentException when {@code data.source} is not {@code cdrib}, or for malformed data (the
     *                                  message names {@code file:line})
     * @throws IOException              when a file cannot be read
     */
    public static SplitDataset cdrib(Config config) throws IOException {
        if (!config.getString("data.source").equals("cdrib")) {
            throw new IllegalArgumentException("data.source: expected cdrib (a data set with its own train/valid/test "
                    + "split), found " + config.getString("data.source"));
        }
        LoadOptions options = new LoadOptions(config.getBoolean("data.skip_bad_lines"), true);
        return CdribLoader.load(config.getPath("data.path"), CdribLoader.Scenario.named(config.getString("data.cdrib.scenario")),
                options);
    }

    /**
     * The synthetic world of {@code data.synthetic}; its own seed is drawn from the stream {@code "data/synthetic"}
     * of the config seed, so it changes with the seed but not with anything else drawn in the run.
     */
    public static SyntheticWorld synthetic(Config c) {
        String s = "data.synthetic.";
        long seed = Rng.derive(c.seed(), "data/synthetic").nextLong();
        return SyntheticWorld.generate(new SyntheticWorld.Config(c.getInt(s + "users"), c.getInt(s + "domains"),
                c.getInt(s + "items_per_domain"), c.getDouble(s + "ratings_per_user"), c.getInt(s + "latent_dim"),
                c.getDouble(s + "transfer"), c.getDouble(s + "noise_std"), c.getDouble(s + "feature_noise"),
                c.getDouble(s + "domain_activity"), seed));
    }

    /** Genre domains, or one domain holding every item for an empty {@code data.genres_as_domains}. */
    private static DomainAssignment genres(Config c) {
        List<String> genres = c.getStringList("data.genres_as_domains");
        return genres.isEmpty() ? DomainAssignment.single(ConfigSchema.SINGLE_DOMAIN) : DomainAssignment.byGenres(genres);
    }

    private static Dataset delimited(Config c, LoadOptions options) throws IOException {
        String d = "data.delimited.";
        DelimitedFormat format = new DelimitedFormat(c.getString(d + "delimiter"), c.getBoolean(d + "header"),
                c.getStringList(d + "column_names"), c.getString(d + "columns.user"), c.getString(d + "columns.item"),
                c.getString(d + "columns.rating"), c.isSet(d + "columns.timestamp") ? c.getString(d + "columns.timestamp") : null,
                c.isSet(d + "columns.domain") ? c.getString(d + "columns.domain") : null, Charset.forName(c.getString(d + "encoding")));
        Path path = c.getPath("data.path");
        if (!Files.isDirectory(path)) {
            return DelimitedLoader.load(path, format, options);
        }
        DelimitedLoader.ItemIds itemIds = c.getString(d + "item_ids").equals("per_domain")
                ? DelimitedLoader.ItemIds.PER_DOMAIN : DelimitedLoader.ItemIds.SHARED;
        return DelimitedLoader.loadPerDomain(domainFiles(path), format, options, itemIds);
    }

    /** The files of {@code data.amazon.files} in the folder {@code data.path}, one per domain of {@code data.amazon.domains}. */
    private static Dataset amazon(Config c, LoadOptions options) throws IOException {
        List<String> domains = c.getStringList("data.amazon.domains");
        List<String> files = c.getStringList("data.amazon.files");
        Path dir = c.getPath("data.path");
        Map<String, Path> byDomain = new LinkedHashMap<>();
        for (int d = 0; d < domains.size(); d++) {
            byDomain.put(domains.get(d), dir.resolve(files.get(d)));
        }
        String format = c.getString("data.amazon.format");
        AmazonLoader.Format f = format.equals("auto") ? null : AmazonLoader.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        return AmazonLoader.load(byDomain, f, options);
    }

    private static RecBoleLoader.FieldNames recboleFields(Config c) {
        String r = "data.recbole.";
        return new RecBoleLoader.FieldNames(c.getString(r + "user_field"), c.getString(r + "item_field"),
                c.getString(r + "rating_field"), c.isSet(r + "timestamp_field") ? c.getString(r + "timestamp_field") : null,
                c.isSet(r + "domain_field") ? c.getString(r + "domain_field") : null);
    }

    /** A folder of delimited files: one domain per regular, non-hidden file, named after the file, in name order. */
    private static Map<String, Path> domainFiles(Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        List<Path> sorted;
        try (Stream<Path> entries = Files.list(dir)) {
            sorted = entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path f : sorted) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            files.put(dot > 0 ? name.substring(0, dot) : name, f);
        }
        return files;
    }

    /**
     * The names of the domains that the {@code data} section of a resolved config will load, when they are known
     * without reading the ratings: synthetic {@code d0, d1, ...}; MovieLens genres (or {@value ConfigSchema#SINGLE_DOMAIN});
     * Douban's {@code book} and {@code music}; Amazon's {@code data.amazon.domains}; RecBole's domain files;
     * a folder of delimited files without a domain column, the file names. Empty otherwise (a domain column).
     *
     * @param data the resolved {@code data} section
     */
    public static Optional<List<String>> domainNames(Map<?, ?> data) {
        Object source = data.get("source");
        if ("synthetic".equals(source)) {
            long n = ((Number) ((Map<?, ?>) data.get("synthetic")).get("domains")).longValue();
            return Optional.of(java.util.stream.LongStream.range(0, n).mapToObj(d -> "d" + d).toList());
        }
        if ("movielens100k".equals(source) || "movielens1m".equals(source)) {
            List<String> genres = ((List<?>) data.get("genres_as_domains")).stream().map(String.class::cast).toList();
            return Optional.of(genres.isEmpty() ? List.of(ConfigSchema.SINGLE_DOMAIN) : genres);
        }
        if ("douban".equals(source)) {
            return Optional.of(DoubanLoader.DOMAINS);
        }
        if ("recbole".equals(source)) {
            List<?> files = (List<?>) ((Map<?, ?>) data.get("recbole")).get("domain_files");
            if (!files.isEmpty()) {
                return Optional.of(files.stream().map(f -> RecBoleLoader.domainName((String) f)).toList());
            }
        }
        if ("amazon".equals(source)) {
            return Optional.of(((List<?>) ((Map<?, ?>) data.get("amazon")).get("domains")).stream().map(String.class::cast).toList());
        }
        if ("cdrib".equals(source)) {
            String scenario = (String) ((Map<?, ?>) data.get("cdrib")).get("scenario");
            return Optional.of(CdribLoader.Scenario.named(scenario).layout().domains());
        }
        if ("delimited".equals(source)) {
            Map<?, ?> columns = (Map<?, ?>) ((Map<?, ?>) data.get("delimited")).get("columns");
            Path path = Path.of((String) data.get("path"));
            if (columns.get("domain") == null && Files.isDirectory(path)) {
                try {
                    return Optional.of(List.copyOf(domainFiles(path).keySet()));
                } catch (IOException e) {
                    return Optional.empty(); // reported when the data are loaded
                }
            }
        }
        return Optional.empty();
    }
}
