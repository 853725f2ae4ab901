package dev.cbagent.platform.identity;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LinuxAgentConfigTest {
    static final String INSTANCE = "5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F";
    static final String AGENT = "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F";

    @TempDir
    Path root;

    private LinuxAgentConfig config(String xml) throws IOException {
        LinuxAgentConfig config = new LinuxAgentConfig(root);
        Files.createDirectories(config.file().getParent());
        Files.writeString(config.file(), xml);
        return config;
    }

    static String product(String instance, String agent) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <registry name="BackupAndRecovery">
                  <key name="Settings">
                    <key name="Other"><value name="InstanceID" type="TString">"not-this-one"</value></key>
                    <key name="MachineManager">
                      <value name="InstanceID" type="TString">
                        %s
                      </value>
                      <value name="MMSCurrentMachineID" type="TString">%s</value>
                      <value name="Untouched" type="TString">"keep me"</value>
                    </key>
                  </key>
                </registry>
                """.formatted(instance, agent);
    }

    @Test
    void reads_quoted_values_spread_over_lines_under_settings_machine_manager() throws IOException {
        LocalAgent agent = config(product("\"" + INSTANCE + "\"", "\"" + AGENT + "\"")).read();
        assertEquals(LocalAgent.State.IDENTIFIED, agent.state());
        assertEquals(INSTANCE, agent.identity().instanceId());
        assertEquals(AGENT, agent.identity().agentId());
        assertEquals(root.resolve("etc/Acronis/BackupAndRecovery.config").toString(), agent.source());
    }

    @Test
    void braces_and_case_are_not_part_of_the_id() throws IOException {
        String xml = product("\"{" + INSTANCE.toLowerCase() + "}\"", "{" + AGENT + "}")
                .replace("name=\"MachineManager\"", "name=\"machinemanager\"").replace("InstanceID\" type", "instanceid\" type");
        LocalAgent agent = config(xml).read();
        assertEquals(INSTANCE.toLowerCase(), agent.identity().instanceId());
        assertTrue(agent.identity().sameInstance(INSTANCE));
        assertTrue(agent.identity().sameAgent(AGENT.toLowerCase()));
    }

    @Test
    void an_empty_instance_id_is_an_installed_agent_without_identity() throws IOException {
        LocalAgent agent = config(product("\"\"", "\"\"")).read();
        assertEquals(LocalAgent.State.NO_IDENTITY, agent.state());
        assertTrue(agent.installed());
        assertNull(agent.identity());
    }

    @Test
    void no_file_is_no_agent() {
        assertEquals(LocalAgent.State.NOT_INSTALLED, new LinuxAgentConfig(root).read().state());
    }

    @Test
    void a_file_that_is_not_the_xml_is_unreadable_without_quoting_it() throws IOException {
        LocalAgent agent = config("root:$6$secret-hash:19000:0:99999:7:::\n").read();
        assertEquals(LocalAgent.State.UNREADABLE, agent.state());
        assertTrue(!agent.problem().contains("secret-hash"), agent.problem());
    }

    @Test
    void a_doctype_is_refused_so_no_entity_is_expanded() throws IOException {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<registry><key name=\"Settings\"><key name=\"MachineManager\"><value name=\"InstanceID\">&x;</value>"
                + "</key></key></registry>";
        assertEquals(LocalAgent.State.UNREADABLE, config(xml).read().state());
    }

    @Test
    void a_directory_in_place_of_the_file_is_unreadable() throws IOException {
        Files.createDirectories(root.resolve("etc/Acronis/BackupAndRecovery.config"));
        assertEquals(LocalAgent.State.UNREADABLE, new LinuxAgentConfig(root).read().state());
    }

    @Test
    void clear_through_a_link_changes_the_file_the_link_points_at() throws IOException {
        Path real = root.resolve("real.config");
        Files.writeString(real, product("\"" + INSTANCE + "\"", "\"" + AGENT + "\""));
        LinuxAgentConfig config = new LinuxAgentConfig(root);
        Files.createDirectories(config.file().getParent());
        Files.createSymbolicLink(config.file(), real);
        config.clear();
        assertTrue(Files.isSymbolicLink(config.file()), "the link stays a link");
        assertEquals(LocalAgent.State.NO_IDENTITY, new LinuxAgentConfig(root).read().state());
        assertTrue(!Files.readString(real).contains(INSTANCE), "the linked file lost the id");
    }

    @Test
    void clear_empties_both_values_and_leaves_the_rest_byte_for_byte() throws IOException {
        LinuxAgentConfig config = config(product("\"" + INSTANCE + "\"", "\"" + AGENT + "\""));
        Files.setPosixFilePermissions(config.file(), PosixFilePermissions.fromString("rw-------"));
        config.clear();
        String after = Files.readString(config.file());
        assertEquals(product("\"" + INSTANCE + "\"", "\"" + AGENT + "\"")
                .replaceAll("(?s)(name=\"InstanceID\" type=\"TString\">)\\s*\"5C6A[^<]*(</value>)", "$1\"\"$2")
                .replace("\"" + AGENT + "\"", "\"\""), after);
        assertTrue(after.contains("\"not-this-one\""), "only MachineManager's values change? other keys: " + after);
        assertEquals(LocalAgent.State.NO_IDENTITY, config.read().state());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.file())));
    }
}
