package dev.cbagent.sandbox.fake;

import dev.cbagent.exec.PosixShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** A POSIX launcher that runs one fake tool's main class on this Java with a given class path. */
final class LauncherScript {
    private static final List<String> FAST_START = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private final String java;
    private final String classpath;

    LauncherScript(String java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    /** The {@code java} of the running JVM. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    Path write(Path file, Class<?> mainClass) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(FAST_START);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        String script = "#!/bin/sh\n"
                + "# A fake vendor tool for cbagent's sandbox and tests; it is not the real product.\n"
                + "exec " + PosixShell.render(command) + " \"$@\"\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
