package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportTest {
    private static final FleetReport REPORT = new FleetReport(List.of(
            new HostResult("10.0.0.11", "web-01", HostResult.Status.REGISTERED, true, "verify", null, null, "r-1", 1500),
            new HostResult("10.0.0.12", "web-02", HostResult.Status.UNCHANGED, false, "verify", null, null, "r-2", 0),
            new HostResult("10.0.0.13:2222", "db-<1>", HostResult.Status.FAILED, false, "install", 3,
                    "the installer failed with exit code 3: \"disk\" & more", null, 2500)), null);

    @Test
    void the_json_report_has_exactly_the_designed_fields() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(ReportJson.write(REPORT));
        assertEquals(new ObjectMapper().readTree("{\"total\":3,\"registered\":1,\"unchanged\":1,\"failed\":1}"),
                doc.get("summary"));
        JsonNode failed = doc.get("hosts").get(2);
        assertEquals(List.of("address", "hostname", "status", "changed", "step", "exitCode", "error", "resourceId",
                "durationMs", "rebootRequired"), iterable(failed));
        assertFalse(failed.get("rebootRequired").asBoolean());
        assertEquals("failed", failed.get("status").asText());
        assertEquals(3, failed.get("exitCode").asInt());
        assertTrue(doc.get("hosts").get(0).get("exitCode").isNull());
        assertEquals("r-1", doc.get("hosts").get(0).get("resourceId").asText());
    }

    @Test
    void a_host_whose_installer_asked_for_a_reboot_says_so_with_its_route() throws Exception {
        FleetReport report = new FleetReport(List.of(new HostResult("10.0.0.21", "win-01",
                HostResult.Status.REGISTERED, true, "verify", null, null, "r-9", 900).withReboot(true,
                "ssh+powershell")), null);
        JsonNode host = new ObjectMapper().readTree(ReportJson.write(report)).get("hosts").get(0);
        assertTrue(host.get("rebootRequired").asBoolean(), host::toString);
        assertEquals("ssh+powershell", host.get("route").asText());
    }

    @Test
    void a_host_with_protection_keeps_the_designed_fields_and_adds_a_protection_object() throws Exception {
        HostProtection p = new HostProtection("Servers", "Daily backup", false, false, false, false, "DEPLOYING",
                false, null, "the plan is not deployed after 10m (DEPLOYING)");
        FleetReport report = new FleetReport(List.of(new HostResult("10.0.0.11", "web-01", HostResult.Status.FAILED,
                true, "protect", null, p.error(), "r-1", 1500, p)), null);
        JsonNode host = new ObjectMapper().readTree(ReportJson.write(report)).get("hosts").get(0);
        assertEquals(List.of("address", "hostname", "status", "changed", "step", "exitCode", "error", "resourceId",
                "durationMs", "rebootRequired", "protection"), iterable(host));
        assertEquals(List.of("group", "plan", "changed", "addedToGroup", "planApplied", "deployed", "deploymentState",
                "ran", "runStatus", "error"), iterable(host.get("protection")));
        assertEquals("protect", host.get("step").asText());
        assertEquals("DEPLOYING", host.at("/protection/deploymentState").asText());
        assertTrue(JunitXml.render(report, "x").contains("type=\"protect\""));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void junit_xml_has_one_testcase_per_host_and_a_failure_with_step_and_exit_code() throws Exception {
        String xml = JunitXml.render(REPORT, "cbagent fleet hosts.yaml");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var suite = doc.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength());
        var failure = (org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("install", failure.getAttribute("type"));
        assertEquals("step install, exit code 3: the installer failed with exit code 3: \"disk\" & more",
                failure.getAttribute("message"));
        assertEquals("10.0.0.13:2222 (db-<1>)",
                ((org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(2)).getAttribute("name"));
    }

    @Test
    void the_summary_table_has_a_row_per_host_and_the_totals() {
        String table = SummaryTable.render(REPORT);
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(0).startsWith("ADDRESS"), table);
        assertTrue(lines.get(3).matches("10\\.0\\.0\\.13:2222 +db-<1> +failed +install +3 +the installer failed.*"), table);
        assertEquals("3 hosts: 1 registered, 1 unchanged, 1 failed", lines.get(4));
        assertEquals(lines.get(0).indexOf("STATUS"), lines.get(3).indexOf("failed"), "columns line up:\n" + table);
        assertEquals("10.0.0.13:2222".length() + 2, lines.get(0).indexOf("HOSTNAME"),
                "two spaces after the widest address:\n" + table);
    }
}
