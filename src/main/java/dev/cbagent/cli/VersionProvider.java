package dev.cbagent.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code cbagent --version}: the version and the commit it was built from, read from {@code build.properties}
 * (written by the build; absent or partial outside a git checkout, then the line says so).
 */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        return lines(load());
    }

    static String[] lines(Properties build) {
        String version = build.getProperty("version");
        if (version == null || version.isBlank()) {
            version = RootCommand.class.getPackage().getImplementationVersion();
        }
        String commit = build.getProperty("git.commit", "");
        String dirty = "true".equals(build.getProperty("git.dirty")) ? ", with uncommitted changes" : "";
        String time = build.getProperty("git.commit.time", "");
        String source = commit.isBlank() ? "commit unknown" : "commit " + commit + dirty + (time.isBlank() ? "" : ", " + time);
        return new String[] {"cbagent " + (version == null ? "development build" : version) + " (" + source + ")",
                "Cyber Backup 18.5 dialects; Java " + System.getProperty("java.version", "?")};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // no build information: the version line says "commit unknown"
        }
        return properties;
    }
}
