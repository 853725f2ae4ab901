package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a fake agent remembers its server, like the real agent's configuration: under
 * {@code <root>/var/lib/cbagent-fake/registration.properties}, so {@code -o unregister} works without {@code -a}.
 */
final class RegistrationState {
    private final Path file;

    RegistrationState(Path root) {
        this.file = root.resolve("var").resolve("lib").resolve("cbagent-fake").resolve("registration.properties");
    }

    record Registration(URI server, String name) {
    }

    void save(Registration registration) throws UsageError {
        Properties properties = new Properties();
        properties.setProperty("server", registration.server().toString());
        properties.setProperty("name", registration.name());
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "cbagent fake agent registration");
            }
        } catch (IOException e) {
            throw new UsageError("cannot record the registration in " + file + ": " + e.getMessage(), e);
        }
    }

    Optional<Registration> load() throws UsageError {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageError("cannot read the registration in " + file + ": " + e.getMessage(), e);
        }
        String server = properties.getProperty("server");
        String name = properties.getProperty("name");
        if (server == null || name == null) {
            return Optional.empty();
        }
        return Optional.of(new Registration(ServerAddress.parse(server), name));
    }

    void clear() throws UsageError {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UsageError("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
