package dev.cbagent.profile.yaml;

import dev.cbagent.io.InputFiles;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.Location;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.Suggestions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one YAML file into a {@link YNode} tree with locations; syntax errors become findings. */
public final class YamlReader {
    /** Far deeper than any profile or host list; an alias-built tree cannot grow past it. */
    private static final int MAX_DEPTH = 64;

    public YNode read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = InputFiles.readString(file);
        } catch (NoSuchFileException e) {
            throw fail(Location.startOf(name), "file", "no such file");
        } catch (InputFiles.RefusedFileException e) {
            throw fail(Location.startOf(name), "file", e.getMessage());
        } catch (IOException e) {
            throw fail(Location.startOf(name), "file", "cannot read: " + e.getMessage());
        }
        return parse(name, text);
    }

    public YNode parse(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below with both locations
        options.setMaxAliasesForCollections(20);
        Node root;
        try (Reader reader = new StringReader(text)) {
            // What Yaml.compose does, without building the Yaml facade's constructor and representer (about
            // 30 ms of a short command's start): only the node tree and its tags are needed.
            root = new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? Location.startOf(name) : new Location(name, mark.getLine() + 1, mark.getColumn() + 1);
            throw fail(at, "yaml", describe(e));
        } catch (YAMLException | IOException e) {
            throw fail(Location.startOf(name), "yaml", e.getMessage());
        } catch (StackOverflowError e) {
            throw fail(Location.startOf(name), "yaml", "nested too deeply");
        }
        if (root == null) {
            throw fail(Location.startOf(name), "yaml", "the file is empty");
        }
        List<Finding> problems = new ArrayList<>();
        YNode tree;
        try {
            tree = convert(name, root, problems, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        } catch (StackOverflowError e) {
            throw fail(Location.startOf(name), "yaml", "nested too deeply");
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return tree;
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext();
        return context == null ? problem : context + ", " + problem;
    }

    private YNode convert(String file, Node node, List<Finding> problems, Set<Node> open, int depth) {
        Location at = locationOf(file, node);
        if (!(node instanceof ScalarNode) && (depth > MAX_DEPTH || !open.add(node))) {
            // an alias inside the collection it names (a: &a [*a]) would make an endless tree
            problems.add(Finding.error(at, "yaml", depth > MAX_DEPTH ? "nested too deeply"
                    : "an alias refers to the collection that contains it (a recursive alias)"));
            return new YNode.YScalar(at, "", "null");
        }
        try {
            return convertOpen(file, node, problems, open, depth);
        } finally {
            open.remove(node);
        }
    }

    private YNode convertOpen(String file, Node node, List<Finding> problems, Set<Node> open, int depth) {
        Location at = locationOf(file, node);
        if (node instanceof MappingNode mapping) {
            Map<String, YNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Location keyAt = locationOf(file, keyNode);
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    problems.add(Finding.error(keyAt, "yaml", "a key must be a plain word"));
                    continue;
                }
                String key = scalarKey.getValue();
                if (entries.containsKey(key)) {
                    problems.add(Finding.error(keyAt, Suggestions.isPlainKey(key) ? key : "yaml", "duplicate key (first at line "
                            + entries.get(key).keyLocation().line() + ")"));
                    continue;
                }
                entries.put(key, new YNode.Entry(keyAt, convert(file, tuple.getValueNode(), problems, open, depth + 1)));
            }
            return new YNode.YMap(at, entries);
        }
        if (node instanceof SequenceNode sequence) {
            List<YNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(file, item, problems, open, depth + 1));
            }
            return new YNode.YList(at, items);
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YNode.YScalar(at, scalar.getValue(), kindOf(scalar));
    }

    private static String kindOf(ScalarNode scalar) {
        String tag = scalar.getTag().getValue();
        int colon = tag.lastIndexOf(':');
        return colon >= 0 ? tag.substring(colon + 1) : tag;
    }

    private static Location locationOf(String file, Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? Location.startOf(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static ProfileException fail(Location at, String key, String message) {
        return new ProfileException(List.of(Finding.error(at, key, message)));
    }
}
