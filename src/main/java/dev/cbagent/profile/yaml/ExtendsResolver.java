package dev.cbagent.profile.yaml;

import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads a profile and its {@code extends:} chain into one tree: deep merge of maps, the child wins, lists replace. */
public final class ExtendsResolver {
    public static final String EXTENDS = "extends";
    private final YamlReader reader;

    public ExtendsResolver(YamlReader reader) {
        this.reader = reader;
    }

    public YNode load(Path file) {
        return load(file, new ArrayDeque<>());
    }

    private YNode load(Path file, Deque<Path> chain) {
        Path real = canonical(file);
        if (chain.contains(real)) {
            throw new ProfileException(List.of(Finding.error(dev.cbagent.profile.Location.startOf(file.toString()),
                    EXTENDS, "extends cycle: " + chain.peekLast() + " -> " + file)));
        }
        YNode node = reader.read(file);
        if (!(node instanceof YNode.YMap map)) {
            throw new ProfileException(List.of(Finding.error(node.location(), "yaml",
                    "a profile must be a mapping of keys (like 'edition: on-premise')")));
        }
        YNode.Entry parent = map.entries().get(EXTENDS);
        if (parent == null) {
            return map;
        }
        if (!(parent.value() instanceof YNode.YScalar scalar) || scalar.isNull() || scalar.value().isBlank()) {
            throw new ProfileException(List.of(Finding.error(parent.value().location(), EXTENDS,
                    "expected the path of a base profile")));
        }
        Path basePath = resolveSibling(file, scalar.value());
        chain.addLast(real);
        YNode base;
        try {
            base = load(basePath, chain);
        } catch (ProfileException e) {
            if (e.findings().size() == 1 && e.findings().get(0).key().equals("file")) {
                throw new ProfileException(List.of(Finding.error(scalar.location(), EXTENDS,
                        "base profile " + basePath + ": " + e.findings().get(0).message())));
            }
            throw e;
        } finally {
            chain.removeLast();
        }
        Map<String, YNode.Entry> own = new LinkedHashMap<>(map.entries());
        own.remove(EXTENDS);
        return merge((YNode.YMap) base, new YNode.YMap(map.location(), own));
    }

    static YNode.YMap merge(YNode.YMap base, YNode.YMap overlay) {
        Map<String, YNode.Entry> merged = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, YNode.Entry> e : overlay.entries().entrySet()) {
            YNode.Entry baseEntry = merged.get(e.getKey());
            YNode.Entry entry = e.getValue();
            if (baseEntry != null && baseEntry.value() instanceof YNode.YMap b && entry.value() instanceof YNode.YMap o) {
                merged.put(e.getKey(), new YNode.Entry(entry.keyLocation(), merge(b, o)));
            } else {
                merged.put(e.getKey(), entry);
            }
        }
        return new YNode.YMap(overlay.location(), merged);
    }

    private static Path resolveSibling(Path file, String relative) {
        Path p = Path.of(relative);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path resolved = dir == null ? p : dir.resolve(p);
        Path cwd = Path.of("").toAbsolutePath();
        return resolved.startsWith(cwd) ? cwd.relativize(resolved) : resolved;
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
