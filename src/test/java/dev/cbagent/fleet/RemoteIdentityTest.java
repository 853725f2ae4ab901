package dev.cbagent.fleet;

import dev.cbagent.platform.identity.LinuxAgentConfig;
import dev.cbagent.platform.identity.LocalAgent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-side identity reader, run by /bin/sh and awk on real files, agrees with cbagent's own reader. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RemoteIdentityTest {
    @TempDir
    Path root;

    private String report() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", RemoteIdentity.function() + "ident identity= \"$1\"", "sh",
                root.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    private void write(String xml) throws Exception {
        Path file = new LinuxAgentConfig(root).file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
    }

    @Test
    void the_products_file_gives_both_ids_as_the_local_reader_sees_them() throws Exception {
        write("""
                <registry name="BackupAndRecovery">
                  <key name="Settings">
                    <key name="Other"><value name="InstanceID">"not-this"</value></key>
                    <key name="machinemanager">
                      <value name="instanceID" type="TString">
                        "{5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F}"
                      </value>
                      <value name="MMSCurrentMachineID" type="TString">"8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F"</value>
                    </key>
                  </key>
                </registry>
                """);
        String line = report();
        assertEquals("identity=id 5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F 8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F", line);
        LocalAgent remote = RemoteIdentity.parse(line, RemoteIdentity.BEFORE, "host");
        LocalAgent local = new LinuxAgentConfig(root).read();
        assertEquals(local.identity(), remote.identity());
    }

    @Test
    void no_file_an_empty_id_and_a_foreign_line_are_told_apart() throws Exception {
        assertEquals("identity=none", report());
        assertEquals(LocalAgent.State.NOT_INSTALLED, RemoteIdentity.parse(report(), RemoteIdentity.BEFORE, "h").state());
        write("<registry><key name=\"Settings\"><key name=\"MachineManager\"><value name=\"InstanceID\">\"\"</value>"
                + "</key></key></registry>");
        assertEquals("identity=noid", report());
        assertEquals(LocalAgent.State.NO_IDENTITY, RemoteIdentity.parse(report(), RemoteIdentity.BEFORE, "h").state());
        assertNull(RemoteIdentity.parse("installation finished", RemoteIdentity.AFTER, "h"));
        assertEquals(LocalAgent.State.UNREADABLE, RemoteIdentity.parse("identity=id $(rm -rf /)", RemoteIdentity.BEFORE,
                "h").state());
    }
}
