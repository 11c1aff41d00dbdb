package org.metarec.experiments.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Bounds on a YAML text, checked on the parser's flat stream of events before any tree is built: how deeply
 * lists and mappings nest, and how many values the text stands for once every alias is expanded. A config is a
 * few levels deep and a few hundred values, so the limits are far above any real one, and far below what would
 * overflow the stack (3,000 levels) or take minutes to expand (24 levels of two aliases stand for 2^24 values in
 * 556 bytes).
 */
final class YamlLimits {

    /** The deepest nesting of lists and mappings accepted. */
    static final int MAX_DEPTH = 64;
    /** The most values (scalars, lists, mappings) a text may stand for with its aliases expanded. */
    static final long MAX_VALUES = 100_000;

    private YamlLimits() {
    }

    /**
     * Checks {@code text}; syntax errors are left to the reader, which reports them with their position.
     *
     * @param position where an event starts, for the message
     * @throws ConfigException naming the position of the first value beyond a limit
     */
    static void check(String text, LoadSettings settings, Function<Event, Position> position) {
        ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, new StringReader(text)));
        Deque<Open> open = new ArrayDeque<>();
        Map<String, Long> anchored = new HashMap<>();
        long closed = 0;
        long inOpen = 0;
        try {
            while (parser.hasNext()) {
                Event event = parser.next();
                long values;
                if (event instanceof CollectionStartEvent start) {
                    if (open.size() >= MAX_DEPTH) {
                        throw new ConfigException(new ConfigProblem(position.apply(event), "",
                                "expected lists and mappings nested at most " + MAX_DEPTH + " levels deep, found deeper"));
                    }
                    open.push(new Open(start.getAnchor().map(Anchor::getValue).orElse(null)));
                    values = 1;
                } else if (event instanceof CollectionEndEvent) {
                    Open done = open.pop();
                    if (done.anchor != null) {
                        anchored.put(done.anchor, done.values);
                    }
                    inOpen -= done.values;
                    if (open.isEmpty()) {
                        closed += done.values;
                    } else {
                        open.peek().values += done.values;
                        inOpen += done.values;
                    }
                    continue;
                } else if (event instanceof AliasEvent alias) {
                    values = anchored.getOrDefault(alias.getAlias().getValue(), 1L);
                } else if (event instanceof ScalarEvent scalar) {
                    values = 1;
                    scalar.getAnchor().ifPresent(a -> anchored.put(a.getValue(), 1L));
                } else {
                    continue;
                }
                if (event instanceof CollectionStartEvent) {
                    inOpen += values;
                } else if (open.isEmpty()) {
                    closed += values;
                } else {
                    open.peek().values += values;
                    inOpen += values;
                }
                if (closed + inOpen > MAX_VALUES) {
                    throw new ConfigException(new ConfigProblem(position.apply(event), "",
                            "expected at most " + MAX_VALUES + " values with every alias expanded, found more"
                                    + (event instanceof AliasEvent ? " (each alias repeats its anchor's values)" : "")));
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            // A syntax error: the reader reports it with its position.
        }
    }

    /** A list or mapping whose end has not been seen: its anchor (or null) and the values it holds so far, itself included. */
    private static final class Open {
        final String anchor;
        long values = 1;

        Open(String anchor) {
            this.anchor = anchor;
        }
    }
}
