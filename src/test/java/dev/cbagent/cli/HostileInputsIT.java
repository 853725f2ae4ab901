package dev.cbagent.cli;

import dev.cbagent.support.JarRunner;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: files and values no profile, host list or journal should be (FIFOs, devices, huge files, recursive
 * aliases, other programs' files, references where no secret belongs, credentials in URLs, absurd numbers) end in
 * exit 2 with one located line each, quickly, with no stack trace and nothing of the file's text echoed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostileInputsIT {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final String BASE = ProfileFixture.HEADER + """
            edition: on-premise
            platform: linux
            installer:
              path: /srv/dist/agent.bin
            components:
              add: [BackupAndRecoveryAgent]
            registration:
              mode: by-token
              address: https://mgmt.example.ru:9877
              token: ${env:CB_REG_TOKEN}
            verify:
              login: api-admin
              password: ${env:CB_API_PWD}
            """;

    @TempDir
    Path dir;

    private JarRunner jar() {
        return new JarRunner(dir, ProfileFixture.ENV).within(QUICK);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path fifo(String name) throws Exception {
        Path file = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return file;
    }

    private static void assertRefused(Result result, String... expected) {
        assertEquals(2, result.exitCode(), result::toString);
        for (String text : expected) {
            assertTrue(result.stderr().contains(text), () -> "expected '" + text + "':\n" + result);
        }
        assertFalse(result.stderr().contains("Exception") || result.stderr().contains("\tat ")
                || result.stderr().contains("Error:") || result.stderr().contains("internal error"),
                () -> "a stack trace or an internal error:\n" + result);
    }

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }

    @Test
    void a_recursive_alias_as_profile_or_host_list_is_one_line_and_exit_2() throws IOException {
        Path profile = write("alias.yaml", "a: &a [*a]\n");
        Result validate = jar().run("validate", profile.toString());
        assertRefused(validate, "alias.yaml:1:", "recursive alias");
        assertEquals(1, lines(validate.stderr()), validate::toString);

        Path good = write("good.yaml", BASE);
        Path hosts = write("hosts.yaml", "hosts: &h [*h]\n");
        Result fleet = jar().run("fleet", "run", "--hosts", hosts.toString(), "--profile", good.toString());
        assertRefused(fleet, "hosts.yaml:1", "recursive alias");
    }

    @Test
    void a_fifo_is_refused_wherever_a_file_is_named() throws Exception {
        Path pipe = fifo("pipe.yaml");
        assertRefused(jar().run("validate", pipe.toString()), "pipe.yaml:1:1: error: file: is not a regular file");

        Path extending = write("child.yaml", ProfileFixture.HEADER + "extends: pipe.yaml\n");
        assertRefused(jar().run("validate", extending.toString()), "child.yaml:3:10: error: extends:", "not a regular file");

        Path secret = fifo("token.pipe");
        Path byFile = write("by-file.yaml", BASE.replace("${env:CB_REG_TOKEN}", "${file:token.pipe}"));
        assertRefused(jar().run("validate", byFile.toString()), "registration.token: secret file token.pipe is not a regular file");

        Path ca = fifo("ca.pem");
        Path withCa = write("ca.yaml", BASE + "  caBundle: " + ca + "\n  timeout: 2s\n");
        assertRefused(jar().run("verify", withCa.toString(), "--hostname", "web-01", "--timeout", "2s"),
                "CA bundle", "not a regular file");

        Path good = write("good.yaml", BASE);
        Path hostsPipe = fifo("hosts.txt");
        assertRefused(jar().run("fleet", "run", "--hosts", hostsPipe.toString(), "--profile", good.toString()),
                "hosts.txt:1: error: is not a regular file");

        Path hosts = write("list.txt", "127.0.0.2\n");
        Path knownPipe = fifo("known_hosts");
        assertRefused(jar().run("fleet", "run", "--hosts", hosts.toString(), "--profile", good.toString(),
                "--known-hosts", knownPipe.toString()), "known hosts file", "not a regular file");

        Path journalPipe = fifo("journal.jsonl");
        assertRefused(jar().run("fleet", "run", "--hosts", hosts.toString(), "--profile", good.toString(),
                "--known-hosts", dir.resolve("kh").toString(), "--journal", journalPipe.toString()),
                "journal", "not a regular file");
    }

    @Test
    void a_device_or_a_huge_file_is_refused_without_reading_it() throws IOException {
        Path zero = write("zero.yaml", ProfileFixture.HEADER + "extends: /dev/zero\n");
        assertRefused(jar().run("validate", zero.toString()), "zero.yaml:3:10: error: extends: base profile /dev/zero",
                "not a regular file");

        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(5L * 1024 * 1024); // sparse: 5 MB of zeros
        }
        assertRefused(jar().run("validate", huge.toString()), "huge.yaml:1:1: error: file: is larger than 4 MB");
    }

    @Test
    void a_file_that_is_not_a_profile_is_never_echoed() throws IOException {
        String shadowLike = "root:$y$j9T$s3cr3tHashValue:19000:0:99999:7:::\n"
                + "daemon:*:19000:0:99999:7:::\nbackup:!hashOfBackup:19000:0:99999:7:::\n";
        write("shadow", shadowLike);
        Path child = write("child.yaml", BASE + "extends: shadow\n");
        Result result = jar().run("validate", child.toString());
        assertRefused(result, "shadow:1:1: error:", "text not shown");
        for (String fragment : List.of("s3cr3tHashValue", "daemon", "hashOfBackup", "99999")) {
            assertFalse(result.all().contains(fragment), () -> "the file's text was echoed:\n" + result);
        }
        assertEquals(1, lines(result.stderr().lines().filter(l -> l.startsWith("shadow")).reduce("", (a, b) -> a + b + "\n")),
                result::toString);
    }

    @Test
    void a_reference_outside_a_secret_field_is_an_error_and_not_resolved() throws IOException {
        write("private.txt", "s3cret-file-content\n");
        Path profile = write("ref.yaml", BASE.replace("  path: /srv/dist/agent.bin", "  path: ${file:private.txt}")
                + "  hostname: ${env:CB_REG_TOKEN}\n");
        Result plan = jar().run("plan", profile.toString());
        assertRefused(plan, "installer.path: takes no ${env:...} or ${file:...} reference",
                "verify.hostname: takes no ${env:...} or ${file:...} reference");
        assertFalse(plan.all().contains("s3cret-file-content"), plan::toString);
        assertFalse(plan.all().contains(ProfileFixture.TOKEN), plan::toString);
    }

    @Test
    void credentials_in_a_url_are_refused_and_not_printed() throws IOException {
        Path profile = write("cred.yaml", BASE.replace("https://mgmt.example.ru:9877", "https://admin:Pa55w0rd-x@mgmt.example.ru:9877")
                + "  apiUrl: https://api:0therPa55@mgmt.example.ru:9877\n");
        Result plan = jar().run("plan", profile.toString());
        assertRefused(plan, "registration.address: must not contain a login or password",
                "verify.apiUrl: must not contain a login or password");
        assertFalse(plan.all().contains("Pa55w0rd-x") || plan.all().contains("0therPa55"), plan::toString);
    }

    @Test
    void an_overflowing_duration_or_port_names_its_key_and_exits_2() throws IOException {
        Path duration = write("duration.yaml", BASE + "  timeout: 999999999999999999h\n");
        assertRefused(jar().run("validate", duration.toString()), "verify.timeout: '999999999999999999h' is too long");

        Path port = write("port.yaml", BASE.replace("mgmt.example.ru:9877", "mgmt.example.ru:99999"));
        assertRefused(jar().run("verify", port.toString(), "--hostname", "web-01", "--timeout", "2s"),
                "registration.address: port 99999 is out of range");

        Path hosts = write("list.txt", "127.0.0.2:99999999999\n");
        Path good = write("good.yaml", BASE);
        assertRefused(jar().run("fleet", "run", "--hosts", hosts.toString(), "--profile", good.toString()), "list.txt:1");

        assertRefused(jar().run("verify", good.toString(), "--timeout", "99999999999999999999h"), "--timeout");
    }
}
