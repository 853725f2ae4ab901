package dev.cbagent.plan;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads option dialects: the built-in one per platform, or a user's file ({@code installer.dialect}). */
public final class DialectLoader {
    public static final String PRODUCT_VERSION = "18.5";
    private final Map<String, Dialect> builtIn = new ConcurrentHashMap<>();

    public Dialect builtIn(String platform) {
        return builtIn.computeIfAbsent(platform, p -> {
            String resource = "/dialects/" + p + "-" + PRODUCT_VERSION + ".yaml";
            try (InputStream in = DialectLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new CbagentException(ExitCode.INVALID_INPUT, "no option dialect for platform " + p);
                }
                return parse(in, resource);
            } catch (IOException e) {
                throw new CbagentException(ExitCode.INTERNAL, "cannot read built-in dialect " + resource, e);
            }
        });
    }

    public Dialect fromFile(Path file) {
        try (InputStream in = new java.io.ByteArrayInputStream(dev.cbagent.io.InputFiles.readAllBytes(file))) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot read dialect file " + file + ": " + e.getMessage());
        }
    }

    private Dialect parse(InputStream in, String name) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        try {
            return DialectReader.read(tree);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "dialect " + name + " is malformed: " + e.getMessage());
        }
    }
}
