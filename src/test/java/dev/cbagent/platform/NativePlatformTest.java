package dev.cbagent.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NativePlatformTest {
    private final Platform platform = Platform.current();

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux"), "these facts are read on Linux");
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
}
