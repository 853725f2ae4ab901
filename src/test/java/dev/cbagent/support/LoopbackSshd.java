package dev.cbagent.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH servers on loopback addresses (127.0.0.2, 127.0.0.3, ...), one per host of a test fleet: one sshd
 * process listens on at most 16 addresses, so N hosts take ceil(N/16) processes, each with its own config, log
 * and pid file. Generated host key and client key; root logs in with the client key. Close to stop them.
 */
public final class LoopbackSshd implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final int ADDRESSES_PER_SSHD = 16;
    private static final String HOST_TMP = "host-tmp";

    private final Path dir;
    private final List<String> addresses;
    private final List<Integer> ports;
    private final List<Process> processes;

    private LoopbackSshd(Path dir, List<String> addresses, List<Integer> ports, List<Process> processes) {
        this.dir = dir;
        this.addresses = addresses;
        this.ports = ports;
        this.processes = processes;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** The loopback address of host {@code i} (0-based): 127.0.0.2, ... 127.0.0.251, 127.0.1.2, ... */
    public static String address(int i) {
        return "127.0." + (i / 250) + "." + (i % 250 + 2);
    }

    public static LoopbackSshd start(Path dir, int hosts) throws IOException, InterruptedException {
        return start(dir, hosts, false);
    }

    /**
     * As {@link #start(Path, int)}; with {@code passwords}, users other than root may also log in with a password,
     * and with a key from their own {@code ~/.ssh/authorized_keys} (see {@link TestUser}).
     */
    public static LoopbackSshd start(Path dir, int hosts, boolean passwords) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd"));
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", dir.resolve("host_ed25519").toString());
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-client", "-f", dir.resolve("id_ed25519").toString());
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(dir.resolve(HOST_TMP));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            addresses.add(address(i));
        }
        List<Integer> ports = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        LoopbackSshd sshd = new LoopbackSshd(dir, addresses, ports, processes);
        try {
            for (int first = 0, n = 0; first < hosts; first += ADDRESSES_PER_SSHD, n++) {
                List<String> group = addresses.subList(first, Math.min(hosts, first + ADDRESSES_PER_SSHD));
                int port = freePort(group.get(0));
                Path config = dir.resolve("sshd-" + n + ".conf");
                StringBuilder text = new StringBuilder();
                for (String a : group) {
                    text.append("ListenAddress ").append(a).append(':').append(port).append('\n');
                }
                text.append("HostKey ").append(dir.resolve("host_ed25519")).append('\n')
                        .append("PidFile ").append(dir.resolve("sshd-" + n + ".pid")).append('\n')
                        .append("AuthorizedKeysFile ").append(dir.resolve("authorized_keys"))
                        .append(passwords ? " .ssh/authorized_keys" : "").append('\n')
                        .append("UsePAM no\nStrictModes no\nMaxStartups 200\nMaxSessions 100\n")
                        .append("PermitRootLogin prohibit-password\nPasswordAuthentication ")
                        .append(passwords ? "yes" : "no").append('\n')
                        .append("KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\nLogLevel VERBOSE\n")
                        // Debian's bash reads ~/.bashrc for an SSH command when SHLVL < 2; root's runs pyenv here,
                        // which costs each "host" CPU that a real host spends on its own cores, not the controller's.
                        .append("SetEnv SHLVL=1")
                        // Root's sessions keep their temporary folders in this rig's own folder, so a test can
                        // tell what its hosts left from what other runs on the machine leave in /tmp. Other
                        // users cannot reach it (the test folder is private): they keep /tmp.
                        .append(passwords ? "" : " TMPDIR=" + dir.resolve(HOST_TMP)).append('\n');
                Files.writeString(config, text.toString(), StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(SSHD.toString(), "-D", "-f", config.toString(), "-E",
                        dir.resolve("sshd-" + n + ".log").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd-" + n + ".out").toFile()).start();
                processes.add(p);
                for (int i = 0; i < group.size(); i++) {
                    ports.add(port);
                }
            }
            for (int i = 0; i < hosts; i++) {
                awaitListening(addresses.get(i), ports.get(i), processes.get(i / ADDRESSES_PER_SSHD), dir);
            }
        } catch (IOException | RuntimeException e) {
            sshd.close();
            throw e;
        }
        return sshd;
    }

    public List<String> addresses() {
        return addresses;
    }

    public int port(int host) {
        return ports.get(host);
    }

    /** TMPDIR of the hosts' root sessions (without passwords; with them, /tmp). */
    public Path hostTmp() {
        return dir.resolve(HOST_TMP);
    }

    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    public Path clientPublicKey() {
        return dir.resolve("id_ed25519.pub");
    }

    /** A known_hosts file that vouches for every host. */
    public Path knownHosts() throws IOException {
        Path file = dir.resolve("known_hosts");
        String key = Files.readString(dir.resolve("host_ed25519.pub")).trim().split(" ")[0] + " "
                + Files.readString(dir.resolve("host_ed25519.pub")).trim().split(" ")[1];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < addresses.size(); i++) {
            text.append('[').append(addresses.get(i)).append("]:").append(ports.get(i)).append(' ').append(key).append('\n');
        }
        Files.writeString(file, text.toString());
        return file;
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(String address, int port, Process process, Path dir)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + "; see the logs in " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd does not listen on " + address + ":" + port + "; see the logs in " + dir);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
