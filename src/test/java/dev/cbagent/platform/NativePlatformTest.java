package dev.cbagent.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cbagent.error.CbagentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NativePlatformTest {
    private final Platform platform = Platform.current();

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux"), "these facts are read on Linux");
    }

    @TempDir
    Path root;

    @Test
    void the_hostname_is_what_uname_reports() throws Exception {
        Process uname = new ProcessBuilder("uname", "-n").start();
        String name = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        uname.waitFor(10, TimeUnit.SECONDS);

        assertEquals(name, platform.hostname());
    }

    @Test
    void the_hostname_is_the_kernel_node_name() throws IOException {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();

        assertEquals(kernel, platform.hostname());
    }

    @Test
    void privileged_means_the_effective_user_is_root() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor(10, TimeUnit.SECONDS);

        assertEquals("0".equals(uid), platform.isPrivileged());
    }

    @Test
    void this_machine_is_linux() {
        assertEquals("linux", platform.currentOs());
    }

    @ParameterizedTest
    @CsvSource({"Windows 10, windows", "Windows Server 2022, windows", "Linux, linux", "Mac OS X, linux"})
    void the_os_name_property_decides_the_platform(String osName, String expected) {
        assertEquals(expected, new NativePlatform(osName).currentOs());
    }

    private NativePlatform linuxUnder(String hostname, String status) throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), hostname);
        Files.writeString(root.resolve("proc/self/status"), status);
        return new NativePlatform("Linux", root);
    }

    @Test
    void the_node_name_file_is_read_without_its_line_end() throws IOException {
        assertEquals("web-01", linuxUnder("web-01\n", "Uid:\t1000\t1000\t1000\t1000\n").hostname());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Uid:\t1000\t0\t0\t0    | true",
            "Uid:\t0\t1000\t1000\t1000 | false",
            "Uid:\t0\t0\t0\t0       | true"})
    void privileged_follows_the_effective_uid_not_the_real_one(String uidLine, boolean privileged) throws IOException {
        String status = "Name:\tjava\nUmask:\t0022\n" + uidLine.strip() + "\nGid:\t0\t0\t0\t0\n";
        assertEquals(privileged, linuxUnder("h", status).isPrivileged());
    }

    @Test
    void a_status_file_without_a_uid_line_is_an_error_naming_the_file() throws IOException {
        NativePlatform broken = linuxUnder("h", "Name:\tjava\n");
        CbagentException e = assertThrows(CbagentException.class, broken::isPrivileged);
        assertTrue(e.getMessage().contains(root.resolve("proc/self/status").toString()), e::getMessage);
    }

    @Test
    void an_empty_node_name_is_an_error() throws IOException {
        CbagentException e = assertThrows(CbagentException.class, linuxUnder("\n", "Uid:\t0\t0\t0\t0\n")::hostname);
        assertFalse(e.getMessage().isBlank());
    }
}
