package dev.cbagent.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InstallationProbeTest {
    @TempDir
    Path root;

    @Test
    void finds_nothing_on_a_clean_machine() {
        InstallationProbe probe = new InstallationProbe(root);

        assertFalse(probe.find("linux").isPresent());
        assertFalse(probe.find("windows").isPresent());
        assertEquals(Optional.empty(), probe.find("linux"));
    }

    @Test
    void finds_the_linux_agent_folder() throws IOException {
        Path agent = Files.createDirectories(root.resolve("usr/lib/Acronis/BackupAndRecovery"));

        assertEquals(Optional.of(agent), new InstallationProbe(root).find("linux"));
    }

    @Test
    void finds_the_linux_register_tool_alone() throws IOException {
        Path tool = root.resolve("usr/lib/Acronis/RegisterAgentTool/RegisterAgent");
        Files.createDirectories(tool.getParent());
        Files.writeString(tool, "#!/bin/sh\n");

        assertEquals(Optional.of(tool), new InstallationProbe(root).find("linux"));
    }

    @Test
    void finds_the_windows_agent_folder_under_the_drive_root() throws IOException {
        Files.createDirectories(root.resolve("Program Files").resolve("Acronis").resolve("BackupAndRecovery"));

        InstallationProbe probe = new InstallationProbe(root);

        assertTrue(probe.find("windows").isPresent());
        assertFalse(probe.find("linux").isPresent());
    }

    @Test
    void refuses_an_unknown_platform() {
        assertThrows(IllegalArgumentException.class, () -> new InstallationProbe(root).find("solaris"));
    }

    @Test
    void looks_under_the_file_system_root_on_linux() {
        InstallationProbe probe = InstallationProbe.forThisMachine(new NativePlatform("Linux"));

        assertEquals(Files.exists(Path.of("/usr/lib/Acronis/BackupAndRecovery"))
                || Files.exists(Path.of("/usr/lib/Acronis/RegisterAgentTool/RegisterAgent")), probe.find("linux").isPresent());
    }
}
