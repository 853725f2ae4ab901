package dev.cbagent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away local account for SSH tests that need someone other than root: a random name ({@code cbf} and 8
 * letters), a home folder, optionally a random password, a public key and passwordless sudo. Only root can make one
 * ({@link #available()}); close it to remove the account, its home and its sudoers file.
 */
public final class TestUser implements AutoCloseable {
    private static final Path USERADD = Path.of("/usr/sbin/useradd");
    private static final Path SUDOERS_D = Path.of("/etc/sudoers.d");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String password;
    private Path sudoers;

    private TestUser(String name, String password) {
        this.name = name;
        this.password = password;
    }

    /** Whether this process may make accounts (root, with useradd). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(USERADD);
    }

    /** Whether sudo is installed (.ci/run installs it). */
    public static boolean sudoAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isDirectory(SUDOERS_D);
    }

    /** A new account with a random password and {@code publicKey} in its authorized_keys. */
    public static TestUser create(Path publicKey) throws IOException, InterruptedException {
        String name = "cbf" + random(8, "abcdefghijklmnopqrstuvwxyz");
        String password = random(20, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        run(List.of(USERADD.toString(), "-m", "-s", "/bin/sh", name), null);
        TestUser user = new TestUser(name, password);
        try {
            run(List.of("/usr/sbin/chpasswd"), name + ":" + password + "\n");
            Path ssh = Files.createDirectories(user.home().resolve(".ssh"));
            Files.copy(publicKey, ssh.resolve("authorized_keys"));
            run(List.of("chown", "-R", name + ":", ssh.toString()), null);
        } catch (IOException | RuntimeException e) {
            user.close();
            throw e;
        }
        return user;
    }

    /** A new account with a home folder and nothing else (a user who owns files, for tests of trust). */
    public static TestUser createWithoutKey() throws IOException, InterruptedException {
        String name = "cbf" + random(8, "abcdefghijklmnopqrstuvwxyz");
        run(List.of(USERADD.toString(), "-m", "-s", "/bin/sh", name), null);
        return new TestUser(name, null);
    }

    /** Lets the account run anything as root through {@code sudo -n}. */
    public TestUser withPasswordlessSudo() throws IOException {
        Path file = SUDOERS_D.resolve(name);
        Files.writeString(file, name + " ALL=(ALL:ALL) NOPASSWD: ALL\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        sudoers = file;
        return this;
    }

    public String name() {
        return name;
    }

    public String password() {
        return password;
    }

    public Path home() {
        return Path.of("/home", name);
    }

    @Override
    public void close() {
        try {
            if (sudoers != null) {
                Files.deleteIfExists(sudoers);
            }
            run(List.of("/usr/sbin/userdel", "-r", "-f", name), null);
        } catch (IOException | InterruptedException e) {
            System.err.println("could not remove the test account " + name + ": " + e.getMessage());
        }
    }

    private static String random(int n, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static void run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + out.strip());
        }
    }
}
