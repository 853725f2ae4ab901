package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity file of DESIGN.md "Agent identity on the machine", read and written as real files. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AgentConfigFileTest {
    private static final String INSTANCE = "5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F";
    private static final String AGENT = "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F";

    @TempDir
    Path root;

    private AgentConfigFile file() {
        return AgentConfigFile.under(root);
    }

    private Path write(String xml) throws IOException {
        Path path = root.resolve("etc/Acronis/BackupAndRecovery.config");
        Files.createDirectories(path.getParent());
        return Files.writeString(path, xml);
    }

    @Test
    void lives_under_the_root_where_the_product_keeps_it() {
        assertEquals(root.resolve("etc/Acronis/BackupAndRecovery.config"), file().path());
    }

    @Test
    void reads_the_design_example_stripping_the_quotes() throws IOException {
        write("""
                <registry name="BackupAndRecovery">
                  <key name="Settings">
                    <key name="MachineManager">
                      <value name="InstanceID" type="TString">"5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F"</value>
                      <value name="MMSCurrentMachineID" type="TString">"8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F"</value>
                    </key>
                  </key>
                </registry>
                """);

        assertEquals(new AgentConfigFile.Identity(INSTANCE, AGENT), file().read());
    }

    @Test
    void reads_names_in_any_case_values_in_braces_and_among_other_keys() throws IOException {
        write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <registry name="BackupAndRecovery">
                  <key name="Global"><value name="InstanceID" type="TString">"not-this-one"</value></key>
                  <key name="settings">
                    <key name="Other"><value name="X" type="Tdword">1</value></key>
                    <key name="machinemanager">
                      <value name="instanceid" type="TString">"{5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F}"</value>
                      <value name="MMSCURRENTMACHINEID" type="TString">
                        "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F"
                      </value>
                    </key>
                  </key>
                </registry>
                """);

        assertEquals(new AgentConfigFile.Identity(INSTANCE, AGENT), file().read());
    }

    @Test
    void reads_no_identity_without_a_file_or_without_the_values() throws IOException {
        assertEquals(AgentConfigFile.Identity.NONE, file().read());
        write("<registry name=\"BackupAndRecovery\"><key name=\"Settings\"><key name=\"MachineManager\">"
                + "<value name=\"InstanceID\" type=\"TString\">\"\"</value></key></key></registry>");
        assertEquals(AgentConfigFile.Identity.NONE, file().read());
        assertFalse(file().read().hasInstanceId());
    }

    @Test
    void refuses_a_file_that_is_not_a_registry_export() throws IOException {
        write("InstanceID=" + INSTANCE + "\n");
        IOException notXml = assertThrows(IOException.class, () -> file().read());
        assertTrue(notXml.getMessage().contains("is not valid XML"), notXml.getMessage());

        write("<config><InstanceID>" + INSTANCE + "</InstanceID></config>");
        IOException otherXml = assertThrows(IOException.class, () -> file().read());
        assertTrue(otherXml.getMessage().contains("not a registry export"), otherXml.getMessage());

        write("<!DOCTYPE registry [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><registry>&x;</registry>");
        assertThrows(IOException.class, () -> file().read());
    }

    @Test
    void writes_a_new_file_in_the_design_shape_that_reads_back() throws IOException {
        file().write(INSTANCE, AGENT);

        String xml = Files.readString(file().path());
        assertTrue(xml.contains("<registry name=\"BackupAndRecovery\">"), xml);
        assertTrue(xml.contains("<key name=\"Settings\">"), xml);
        assertTrue(xml.contains("<key name=\"MachineManager\">"), xml);
        assertTrue(xml.contains("<value name=\"InstanceID\" type=\"TString\">\"" + INSTANCE + "\"</value>"), xml);
        assertTrue(xml.contains("<value name=\"MMSCurrentMachineID\" type=\"TString\">\"" + AGENT + "\"</value>"), xml);
        assertEquals(new AgentConfigFile.Identity(INSTANCE, AGENT), file().read());
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(file().path()));
    }

    @Test
    void updating_keeps_every_other_key_and_value_and_the_file_mode() throws IOException {
        Path path = write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <registry name="BackupAndRecovery">
                  <key name="Settings">
                    <value name="Language" type="TString">"ru"</value>
                    <key name="MachineManager">
                      <value name="InstanceID" type="TString">"OLD-INSTANCE"</value>
                      <value name="ServerAddress" type="TString">"mgmt.example:9877"</value>
                    </key>
                    <key name="Tracing"><value name="Level" type="Tdword">3</value></key>
                  </key>
                </registry>
                """);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));

        file().write(INSTANCE, AGENT);

        String xml = Files.readString(path);
        assertEquals(new AgentConfigFile.Identity(INSTANCE, AGENT), file().read());
        assertFalse(xml.contains("OLD-INSTANCE"), xml);
        for (String kept : List.of("<value name=\"Language\" type=\"TString\">\"ru\"</value>",
                "<value name=\"ServerAddress\" type=\"TString\">\"mgmt.example:9877\"</value>",
                "<key name=\"Tracing\">", "<value name=\"Level\" type=\"Tdword\">3</value>")) {
            assertTrue(xml.contains(kept), () -> kept + " is gone:\n" + xml);
        }
        assertEquals(1, xml.split("name=\"InstanceID\"", -1).length - 1, xml);
        assertFalse(xml.contains("\n\n"), xml);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
    }

    @Test
    void clearing_removes_both_ids_and_keeps_the_rest() throws IOException {
        write("<registry name=\"BackupAndRecovery\"><key name=\"Settings\"><key name=\"MachineManager\">"
                + "<value name=\"InstanceID\" type=\"TString\">\"" + INSTANCE + "\"</value>"
                + "<value name=\"MMSCurrentMachineID\" type=\"TString\">\"" + AGENT + "\"</value>"
                + "<value name=\"Keep\" type=\"TString\">\"me\"</value></key></key></registry>");

        file().clear();

        assertEquals(AgentConfigFile.Identity.NONE, file().read());
        assertTrue(Files.readString(file().path()).contains("\"me\""));
    }

    @Test
    void ensure_exists_creates_an_empty_machine_manager_once() throws IOException {
        file().ensureExists();
        assertTrue(file().exists());
        assertEquals(AgentConfigFile.Identity.NONE, file().read());
        assertTrue(Files.readString(file().path()).contains("<key name=\"MachineManager\"/>"));

        file().write(INSTANCE, null);
        file().ensureExists();
        assertEquals(new AgentConfigFile.Identity(INSTANCE, null), file().read());
    }

    @Test
    void writes_atomically_leaving_no_temporary_file() throws IOException {
        file().write(INSTANCE, AGENT);
        file().write(AGENT, INSTANCE);

        try (Stream<Path> files = Files.list(file().path().getParent())) {
            assertEquals(List.of(file().path()), files.toList());
        }
        assertEquals(new AgentConfigFile.Identity(AGENT, INSTANCE), file().read());
    }
}
