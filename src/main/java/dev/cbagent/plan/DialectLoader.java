package dev.cbagent.plan;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.yaml.YNode;
import dev.cbagent.profile.yaml.YamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads option dialects: the built-in one per platform, or a user's file ({@code installer.dialect}). */
public final class DialectLoader {
    public static final String PRODUCT_VERSION = "18.5";
    private final Map<String, Dialect> builtIn = new ConcurrentHashMap<>();

    /**
     * The built-in dialect of {@code platform}: as the build compiled it from its YAML file (no YAML parser, no
     * resource read from the jar: start-up time), else, in a build without that step, parsed from the file.
     */
    public Dialect builtIn(String platform) {
        Dialect known = builtIn.get(platform);
        if (known == null) {
            Dialect compiled = compiled(platform);
            known = compiled != null ? compiled : parsed(platform);
            builtIn.put(platform, known);
        }
        return known;
    }

    /** {@code BuiltInDialects}, written by {@code dev.cbagent.tooling.GenerateDialects} after our classes compiled. */
    private static Dialect compiled(String platform) {
        try {
            return (Dialect) Class.forName(DialectLoader.class.getPackageName() + ".BuiltInDialects")
                    .getDeclaredMethod("forPlatform", String.class).invoke(null, platform);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The built-in dialect parsed from its YAML resource in the jar: the way without {@code BuiltInDialects}. */
    Dialect parsed(String platform) {
        String resource = "/dialects/" + platform + "-" + PRODUCT_VERSION + ".yaml";
        try (InputStream in = DialectLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CbagentException(ExitCode.INVALID_INPUT, "no option dialect for platform " + platform);
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INTERNAL, "cannot read built-in dialect " + resource, e);
        }
    }

    public Dialect fromFile(Path file) {
        try (InputStream in = new java.io.ByteArrayInputStream(dev.cbagent.io.InputFiles.readAllBytes(file))) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot read dialect file " + file + ": " + e.getMessage());
        }
    }

    private Dialect parse(InputStream in, String name) throws IOException {
        Object tree;
        try {
            tree = plain(new YamlReader().parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ProfileException e) {
            Finding first = e.findings().get(0);
            throw new CbagentException(ExitCode.INVALID_INPUT, "dialect " + name + " is malformed: line "
                    + first.location().line() + ": " + first.message());
        }
        try {
            return DialectReader.read(tree);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "dialect " + name + " is malformed: " + e.getMessage());
        }
    }

    /**
     * The YAML tree as SnakeYAML's safe constructor would build it for a dialect: maps, lists, strings, and the
     * scalars YAML types as int, bool, float or null as numbers, booleans and null.
     */
    static Object plain(YNode node) {
        if (node instanceof YNode.YMap map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.entries().forEach((key, entry) -> out.put(key, plain(entry.value())));
            return out;
        }
        if (node instanceof YNode.YList list) {
            List<Object> out = new ArrayList<>();
            list.items().forEach(item -> out.add(plain(item)));
            return out;
        }
        YNode.YScalar scalar = (YNode.YScalar) node;
        String value = scalar.value();
        try {
            return switch (scalar.kind()) {
                case "null" -> null;
                case "bool" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
                case "int" -> {
                    long n = Long.decode(value.replace("_", ""));
                    yield n == (int) n ? (Object) (int) n : (Object) n;
                }
                case "float" -> Double.valueOf(value.replace("_", ""));
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
