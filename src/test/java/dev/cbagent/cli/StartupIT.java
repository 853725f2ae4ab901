package dev.cbagent.cli;

import dev.cbagent.support.JarRunner;
import dev.cbagent.support.ProfileFixture;
import dev.cbagent.support.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Black-box: how the launcher starts the JVM. The build-time class-data archive is used (with picocli and our
 * commands in it, and no JNA on the way), only when it can be trusted, never from /tmp, and a refused archive
 * changes nothing but the speed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StartupIT {
    private static final String SHARED = "source: shared objects file";

    @TempDir
    Path dir;

    private Path profile;

    @BeforeEach
    void launcherAndProfile() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX sh script");
        profile = JarRunner.projectRoot().resolve("profiles/linux-base.yaml");
    }

    record Run(int exitCode, String stdout, String stderr, List<String> classLoads, List<String> cdsLog) {
        /** The class-load lines of the classes named exactly {@code name}. */
        List<String> loads(String name) {
            return classLoads.stream().filter(line -> line.contains(" " + name + " ")).toList();
        }

        boolean shared(String name) {
            List<String> lines = loads(name);
            return !lines.isEmpty() && lines.stream().allMatch(line -> line.contains(SHARED));
        }

        long sharedCount() {
            return classLoads.stream().filter(line -> line.contains(SHARED)).count();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr
                    + "\n--- cds log ---\n" + String.join("\n", cdsLog);
        }
    }

    /** The launcher (as {@code prefix}, e.g. su to another user) with the JVM's class-load and CDS logs in files. */
    private Run launch(List<String> prefix, Map<String, String> env, Path jar, String... args)
            throws IOException, InterruptedException {
        Path logs = Files.createTempDirectory(dir, "logs");
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path classes = logs.resolve("classes.log");
        Path cds = logs.resolve("cds.log");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/sh", JarRunner.launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(logs.resolve("out").toFile()).redirectError(logs.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().keySet().removeIf(name -> name.startsWith("CB_") || name.startsWith("CBAGENT_"));
        JarRunner.launcherEnvironment(pb.environment());
        pb.environment().putAll(ProfileFixture.ENV);
        pb.environment().put("CBAGENT_JAR", jar.toString());
        pb.environment().put("CBAGENT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes + " -Xlog:cds=info:file=" + cds);
        pb.environment().putAll(env);
        pb.environment().values().removeIf(value -> value == null || value.equals("<unset>"));
        if (prefix.contains("-i")) {
            pb.environment().forEach((name, value) -> {
                if (name.startsWith("CB") || name.equals("JAVA_HOME")) {
                    command.add(prefix.size(), name + "=" + value);
                }
            });
        }
        Process process = pb.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish: " + command);
        return new Run(process.exitValue(), Files.readString(logs.resolve("out")), Files.readString(logs.resolve("err")),
                lines(classes), lines(cds));
    }

    private Run launch(Path jar, String... args) throws IOException, InterruptedException {
        return launch(List.of(), Map.of(), jar, args);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** A copy of the built jar (same size and time, so the same archive name) and its class list in {@code folder}. */
    private Path jarCopyIn(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path copy = folder.resolve("cbagent.jar");
        Files.copy(JarRunner.jar(), copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JarRunner.jar().resolveSibling("cbagent.classlist"), folder.resolve("cbagent.classlist"));
        return copy;
    }

    private static List<Path> archives(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("cbagent-.*\\.(jsa|aot)")).toList();
        }
    }

    private Path dumpBeside(Path jar) throws IOException, InterruptedException {
        Run dump = launch(List.of(), Map.of("CBAGENT_CDS_DUMP", jar.getParent().toString(), "CBAGENT_JAVA_OPTS", "<unset>"), jar);
        assertEquals(0, dump.exitCode(), dump::toString);
        List<Path> made = archives(jar.getParent());
        assertEquals(1, made.size(), () -> "one archive expected: " + made);
        return made.get(0);
    }

    @Test
    void picocli_in_the_jar_is_rebuilt_at_class_version_52_or_later() throws IOException {
        int classes = 0;
        try (ZipFile jar = new ZipFile(JarRunner.jar().toFile())) {
            for (ZipEntry entry : jar.stream().filter(e -> e.getName().startsWith("picocli/")
                    && e.getName().endsWith(".class")).toList()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    byte[] header = in.readNBytes(8);
                    int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                    assertTrue(major >= 52, entry.getName() + " has class-file version " + major);
                    classes++;
                }
            }
        }
        assertTrue(classes > 100, "picocli's classes are in the jar: " + classes);
    }

    @Test
    void plan_and_validate_start_from_the_build_time_archive_with_picocli_and_our_commands_and_without_jna()
            throws Exception {
        List<Path> built = archives(JarRunner.jar().getParent());
        assumeFalse(built.isEmpty(), "mvn package dumps an archive beside the jar for its own JVM");

        Run plan = launch(JarRunner.jar(), "plan", profile.toString());
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.cdsLog().stream().anyMatch(line -> line.contains("Opened archive " + built.get(0))), plan::toString);
        for (String name : List.of("picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec",
                "dev.cbagent.cli.PlanCommand", "dev.cbagent.cli.VersionProvider", "dev.cbagent.cli.FailureHandler",
                "dev.cbagent.cli.BadCommandLineHandler", "org.yaml.snakeyaml.Yaml")) {
            if (!plan.loads(name).isEmpty()) {
                assertTrue(plan.shared(name), () -> name + " is not from the archive: " + plan.loads(name));
            }
        }
        assertTrue(plan.shared("picocli.CommandLine") && plan.shared("dev.cbagent.cli.PlanCommand"), plan::toString);
        assertTrue(plan.classLoads().stream().noneMatch(line -> line.contains("com.sun.jna")),
                "plan loads no JNA class");
        assertTrue(plan.classLoads().stream().noneMatch(line -> line.contains("jdk.proxy")), "no annotation proxy");
        // Every class from the archive and the dialects compiled in: plan never opens the 12,000-entry jar. Nor
        // does picocli make its negatable-option transformer or its java.sql converters (start-up.patch, Main).
        assertTrue(plan.loads("java.util.zip.ZipFile$Source").isEmpty(), "plan opened a jar or zip file");
        assertTrue(plan.loads("picocli.CommandLine$RegexTransformer").isEmpty(), "picocli made a RegexTransformer");
        assertTrue(plan.loads("java.sql.Driver").isEmpty(), "picocli registered its java.sql converters");

        Run json = launch(JarRunner.jar(), "validate", profile.toString(), "--output", "json");
        assertEquals(0, json.exitCode(), json::toString);
        assertTrue(json.shared("com.fasterxml.jackson.core.JsonFactory"), json::toString);
        assertTrue(json.shared("dev.cbagent.cli.ValidateCommand"), json::toString);
        assertTrue(json.loads("com.fasterxml.jackson.databind.ObjectMapper").isEmpty(),
                "validate --output json writes its tree without making an ObjectMapper");
        assertTrue(json.classLoads().stream().noneMatch(line -> line.contains("jdk.proxy")),
                "no annotation proxy on the way: " + json.classLoads().stream().filter(l -> l.contains("jdk.proxy")).toList());
        assertTrue(json.classLoads().stream().noneMatch(line -> line.contains("com.sun.jna")));
        assertTrue(json.loads("java.util.zip.ZipFile$Source").isEmpty(), "validate opened a jar or zip file");
    }

    @Test
    void an_archive_or_folder_writable_by_others_is_not_used_and_the_run_is_the_same_without_it() throws Exception {
        Path jar = jarCopyIn(dir.resolve("install"));
        Path archive = dumpBeside(jar);
        Run trusted = launch(jar, "plan", profile.toString());
        assertEquals(0, trusted.exitCode(), trusted::toString);
        assertTrue(trusted.shared("dev.cbagent.cli.PlanCommand"), trusted::toString);

        for (Path loose : List.of(archive, jar.getParent())) {
            String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(loose));
            Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString(
                    loose.equals(archive) ? "rw-rw-r--" : "rwxr-xrwx"));
            Run refused = launch(jar, "plan", profile.toString());
            Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString(before));
            assertFalse(refused.shared("dev.cbagent.cli.PlanCommand"), () -> "an untrusted archive was used: " + loose);
            assertTrue(refused.cdsLog().stream().noneMatch(line -> line.contains("Opened archive " + archive)),
                    refused::toString);
            assertEquals(trusted.exitCode(), refused.exitCode(), refused::toString);
            assertEquals(trusted.stdout(), refused.stdout());
            assertEquals(trusted.stderr(), refused.stderr());
        }
    }

    @Test
    void an_archive_the_jvm_refuses_is_skipped_silently() throws Exception {
        // An installation moved to another folder: same jar, same archive name, but the archive records the jar's
        // old path, so the JVM refuses it.
        Path jar = jarCopyIn(dir.resolve("install"));
        Run without = launch(List.of(), Map.of("CBAGENT_CDS", "0"), jar, "plan", profile.toString(), "--output", "json");
        Path archive = dumpBeside(jar);
        Path moved = jarCopyIn(dir.resolve("moved"));
        Files.copy(archive, moved.resolveSibling(archive.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);

        Run refused = launch(moved, "plan", profile.toString(), "--output", "json");

        assertTrue(refused.cdsLog().stream().anyMatch(line -> line.contains("Opened archive")), refused::toString);
        assertEquals(0, refused.sharedCount(), refused::toString);
        assertEquals(0, refused.exitCode(), refused::toString);
        assertEquals(without.stdout(), refused.stdout());
        assertEquals(without.stderr(), refused.stderr());
    }

    @Test
    void a_dump_removes_the_archives_of_other_jars_and_jvms() throws Exception {
        Path jar = jarCopyIn(dir.resolve("install"));
        Path stale = Files.writeString(jar.resolveSibling("cbagent-1.2-java17.0.1+12-3.4.jsa"), "old");
        Path staleAot = Files.writeString(jar.resolveSibling("cbagent-1.2-java25+36-3.4.aot"), "old");
        Path kept = Files.writeString(jar.resolveSibling("notes.txt"), "not an archive");

        Path archive = dumpBeside(jar);

        assertFalse(Files.exists(stale) || Files.exists(staleAot), () -> "old archives left: " + stale + ", " + staleAot);
        assertTrue(Files.exists(kept));
        assertTrue(archive.getFileName().toString().contains("-java" + Runtime.version()), archive::toString);
    }

    /**
     * On Java 24 and later the dump is an AOT cache made from a training run in one JVM: plan starts from it with
     * the same output, and the run leaves nothing but the cache in the folder. Needs such a JDK: the system
     * property {@code cbagent.aot.java.home}, else the newest under /usr/lib/jvm.
     */
    @Test
    void on_java_24_and_later_the_dump_is_an_aot_cache_from_a_training_run_and_plan_starts_from_it() throws Exception {
        Path javaHome = aotCapableJdk();
        assumeTrue(javaHome != null, "no JDK 24 or later here (set cbagent.aot.java.home)");
        Path jar = jarCopyIn(dir.resolve("install"));
        Map<String, String> newJava = Map.of("JAVA_HOME", javaHome.toString());
        Run without = launch(List.of(), Map.of("JAVA_HOME", javaHome.toString(), "CBAGENT_CDS", "0"), jar,
                "plan", profile.toString());

        Run dump = launch(List.of(), Map.of("JAVA_HOME", javaHome.toString(), "CBAGENT_CDS_DUMP", jar.getParent().toString(),
                "CBAGENT_JAVA_OPTS", "<unset>"), jar);
        assertEquals(0, dump.exitCode(), dump::toString);
        List<String> left;
        try (Stream<Path> files = Files.list(jar.getParent())) {
            left = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, left.size(), () -> "only the cache beside the jar and its class list: " + left);
        assertTrue(left.get(0).startsWith("cbagent-") && left.get(0).endsWith(".aot")
                && left.get(0).contains("-java" + releaseValue(javaHome, "JAVA_RUNTIME_VERSION") + "-"), left::toString);
        Path cache = jar.resolveSibling(left.get(0));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));

        Run plan = launch(List.of(), newJava, jar, "plan", profile.toString());
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.shared("dev.cbagent.cli.PlanCommand") && plan.shared("picocli.CommandLine"), plan::toString);
        assertFalse(without.shared("dev.cbagent.cli.PlanCommand"), without::toString);
        assertEquals(without.stdout(), plan.stdout());
        assertEquals(without.stderr(), plan.stderr());
    }

    /** {@code cbagent.aot.java.home}, else the JDK under /usr/lib/jvm with the highest feature version >= 24. */
    private static Path aotCapableJdk() throws IOException {
        String configured = System.getProperty("cbagent.aot.java.home", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Path best = null;
        int bestFeature = 23;
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.filter(h -> Files.isExecutable(h.resolve("bin/java"))).sorted().toList()) {
                String version = releaseValue(home, "JAVA_VERSION");
                String feature = version == null ? "" : version.split("\\.")[0];
                if (feature.matches("\\d+") && Integer.parseInt(feature) > bestFeature) {
                    best = home;
                    bestFeature = Integer.parseInt(feature);
                }
            }
        }
        return best;
    }

    private static String releaseValue(Path javaHome, String key) throws IOException {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    /**
     * Without HOME (Puppet exec, env -i) and with /tmp/.cache made by another user, holding a copy of the archive
     * under the name the launcher would look for: nothing there is read, written or loaded.
     */
    @Test
    void without_home_nothing_in_a_hostile_tmp_cache_is_written_or_loaded() throws Exception {
        assumeTrue(TestUser.available(), "making a test account needs root and useradd");
        Path cache = Path.of("/tmp/.cache");
        assumeFalse(Files.exists(cache, LinkOption.NOFOLLOW_LINKS), "/tmp/.cache already exists on this machine");
        List<Path> built = archives(JarRunner.jar().getParent());
        assumeFalse(built.isEmpty(), "mvn package dumps an archive beside the jar for its own JVM");
        try (TestUser attacker = TestUser.createWithoutKey()) {
            Path planted = Files.createDirectories(cache.resolve("cbagent"));
            Files.copy(built.get(0), planted.resolve(built.get(0).getFileName()));
            Files.copy(built.get(0), planted.resolve("cbagent.jsa"));
            Files.createSymbolicLink(planted.resolve("training-1.yaml"), Path.of("/etc/cbagent-test-victim"));
            chown(attacker.name(), cache);
            Map<String, String> before = snapshot(cache);

            for (List<String> prefix : List.of(List.of("env", "-u", "HOME", "-u", "XDG_CACHE_HOME"),
                    List.of("env", "-i", "PATH=/usr/bin:/bin"))) {
                Run run = launch(prefix, Map.of("HOME", "<unset>", "XDG_CACHE_HOME", "<unset>"), JarRunner.jar(),
                        "plan", profile.toString());
                assertEquals(0, run.exitCode(), run::toString);
                assertTrue(run.cdsLog().stream().noneMatch(line -> line.contains(cache.toString())), run::toString);
                assertTrue(run.shared("dev.cbagent.cli.PlanCommand"), () -> "the build's archive is used: " + run);
                assertEquals(before, snapshot(cache), "the launcher changed /tmp/.cache");
            }
            assertFalse(Files.exists(Path.of("/etc/cbagent-test-victim"), LinkOption.NOFOLLOW_LINKS));
        } finally {
            deleteTree(cache);
        }
    }

    private static void chown(String user, Path tree) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chown", "-R", "-h", user + ":", tree.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "chown failed: " + out);
    }

    /** Every entry under {@code tree} with its owner, mode, time and (for files) the SHA-256 of its content. */
    private static Map<String, String> snapshot(Path tree) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.toList()) {
                String kind = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file " + sha256(p);
                entries.put(p.toString(), kind + " " + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS) + " "
                        + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
                        + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
