package dev.cbagent.tooling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Build-time only (Maven {@code process-classes}): writes {@code build.properties} for {@code cbagent --version}
 * with the version and, when the sources are a git checkout (linked worktrees included), the commit.
 * Outside a checkout, or without git, the commit is simply left out: the build never fails for it.
 * <pre>WriteBuildInfo BASEDIR OUTPUT_FILE VERSION</pre>
 */
public final class WriteBuildInfo {
    private WriteBuildInfo() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: WriteBuildInfo BASEDIR OUTPUT_FILE VERSION");
        }
        Path basedir = Path.of(args[0]);
        Properties build = new Properties();
        build.setProperty("version", args[2]);
        git(basedir, "rev-parse", "--short=7", "HEAD").ifPresent(commit -> {
            build.setProperty("git.commit", commit);
            git(basedir, "log", "-1", "--format=%cI").ifPresent(time -> build.setProperty("git.commit.time", time));
            git(basedir, "status", "--porcelain", "--untracked-files=no")
                    .map(changes -> !changes.isEmpty()).or(() -> Optional.of(false))
                    .ifPresent(dirty -> build.setProperty("git.dirty", String.valueOf(dirty)));
        });
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        // Written by hand, sorted and without Properties.store's date line, so the same commit gives the same jar.
        StringBuilder text = new StringBuilder("# cbagent build information\n");
        build.stringPropertyNames().stream().sorted()
                .forEach(key -> text.append(key).append('=').append(build.getProperty(key)).append('\n'));
        Files.writeString(output, text, StandardCharsets.ISO_8859_1);
    }

    /** The trimmed output of a git command that succeeded, else empty (no git, not a checkout, ...). */
    static Optional<String> git(Path basedir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", basedir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
