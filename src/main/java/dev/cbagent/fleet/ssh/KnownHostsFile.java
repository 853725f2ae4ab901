package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.HostKey;
import dev.cbagent.io.InputFiles;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * An OpenSSH known_hosts file (hashed entries, {@code [host]:port}, markers: as JSch reads them), shared by all
 * sessions of a run. New keys accepted under {@code accept-new} are appended to the file, one line each.
 */
public final class KnownHostsFile {
    private final Path file;
    private final JSch jsch = new JSch();
    private final HostKeyRepository keys;
    private final KnownHostsEntries entries;

    private KnownHostsFile(Path file, HostKeyRepository keys, KnownHostsEntries entries) {
        this.file = file;
        this.keys = keys;
        this.entries = entries;
    }

    public static KnownHostsFile load(Path file) throws SshException {
        JSch jsch = new JSch();
        byte[] text;
        try {
            text = Files.exists(file) ? InputFiles.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new SshException("cannot read the known hosts file " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = new ByteArrayInputStream(text)) {
            jsch.setKnownHosts(in);
        } catch (IOException | JSchException e) {
            throw new SshException("cannot read the known hosts file " + file + ": " + e.getMessage(), e);
        }
        return new KnownHostsFile(file, jsch.getHostKeyRepository(),
                KnownHostsEntries.parse(new String(text, StandardCharsets.UTF_8)));
    }

    public Path file() {
        return file;
    }

    synchronized int check(String host, byte[] key) {
        return keys.check(host, key);
    }

    synchronized HostKey[] hostKeys(String host, String type) {
        return keys.getHostKey(host, type);
    }

    /** True when a {@code @revoked} line for this host (patterns included, {@code @revoked *}) holds this key. */
    boolean revoked(String host, byte[] key) {
        return entries.revoked(host, key);
    }

    /** The types of the keys known for {@code host} other than the type of {@code key} (OpenSSH: "has changed"). */
    List<String> otherKeyTypes(String host, byte[] key) {
        String offered = KnownHostsEntries.typeOf(key);
        return entries.keysFor(host).stream().map(KnownHostsEntries.Entry::type).filter(t -> !t.equals(offered))
                .distinct().toList();
    }

    /** Remembers a new key and appends it to the file. */
    synchronized void accept(String host, byte[] key) throws SshException {
        try {
            HostKey hostKey = new HostKey(host, key);
            String line = hostKey.getHost() + " " + hostKey.getType() + " " + hostKey.getKey() + "\n";
            append(line);
            keys.add(hostKey, null);
            entries.add(hostKey.getHost(), hostKey.getType(), key);
        } catch (JSchException | IOException e) {
            throw new SshException("cannot add the host key of " + host + " to " + file + ": " + e.getMessage(), e);
        }
    }

    String describe(String host, byte[] key) {
        try {
            HostKey hostKey = new HostKey(host, key);
            return hostKey.getType() + " " + hostKey.getFingerPrint(jsch);
        } catch (JSchException e) {
            return "an unreadable key";
        }
    }

    private void append(String line) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        boolean needsNewline = Files.size(file) > 0 && !endsWithNewline();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(((needsNewline ? "\n" : "") + line).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }
}
