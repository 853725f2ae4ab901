package dev.cbagent.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Tells, before anything is started, why a program cannot run, in one sentence a user can act on. */
final class ProgramCheck {
    private final boolean windows;

    ProgramCheck(boolean windows) {
        this.windows = windows;
    }

    void requireRunnable(String program, Map<String, String> environment, Path workingDir) {
        if (workingDir != null && !Files.isDirectory(workingDir)) {
            throw new ProgramNotRunnableException("The working directory " + workingDir + " does not exist.");
        }
        if (program.isBlank()) {
            throw new ProgramNotRunnableException("The program to run is empty.");
        }
        if (hasDirectory(program)) {
            requireExecutableFile(resolve(program, workingDir));
        } else if (!windows && findOnPath(program, environment.get("PATH")) == null) {
            throw new ProgramNotRunnableException("The program " + program + " was not found on the PATH.");
        }
    }

    private boolean hasDirectory(String program) {
        return program.indexOf('/') >= 0 || (windows && (program.indexOf('\\') >= 0 || program.indexOf(':') >= 0));
    }

    private static Path resolve(String program, Path workingDir) {
        try {
            Path path = Path.of(program);
            return workingDir == null || path.isAbsolute() ? path : workingDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new ProgramNotRunnableException("The program path " + program + " is not a valid path.", e);
        }
    }

    private void requireExecutableFile(Path path) {
        if (!Files.exists(path)) {
            throw new ProgramNotRunnableException("The program " + path + " does not exist.");
        }
        if (Files.isDirectory(path)) {
            throw new ProgramNotRunnableException("The program " + path + " is a directory, not a program.");
        }
        if (!Files.isExecutable(path)) {
            throw new ProgramNotRunnableException("The program " + path + " is not executable"
                    + (windows ? "." : " (chmod +x " + path + ")."));
        }
    }

    private static Path findOnPath(String name, String searchPath) {
        if (searchPath == null) {
            return null;
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            } catch (InvalidPathException ignored) {
                // a malformed PATH entry cannot hold the program
            }
        }
        return null;
    }
}
