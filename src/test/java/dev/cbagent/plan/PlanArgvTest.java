package dev.cbagent.plan;

import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argv as the vendor guide spells the options (DIGEST.md) and DESIGN.md's Linux dialect. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlanArgvTest {
    @TempDir
    Path dir;

    private Plan plan(String yaml, Action action) {
        ProfileCheck.Checked checked = new ProfileFixture(dir).check(yaml);
        assertFalse(checked.hasErrors(), checked.findings()::toString);
        return new Planner(() -> "this-host").plan(checked.model(), checked.dialect(), action);
    }

    private static List<String> shown(Plan plan) {
        return plan.steps().get(0).argv().display();
    }

    private static List<String> real(Plan plan) {
        return plan.steps().get(0).argv().values();
    }

    @Test
    void windows_installer_gets_every_option_in_the_equals_form() {
        Plan plan = plan("""
                platform: windows
                installer:
                  path: D:\\dist\\agent.exe
                  language: ru
                  logDir: C:\\logs
                  installationFiles: https://mgmt.example.ru/dl/
                  skipHttpsCertVerification: true
                  skipFileTrustVerification: true
                  downloadAttempts: 3
                  cacheDirectory: C:\\cache
                  antiTamperPassword: ${env:CB_ANTI_TAMPER}
                components: {add: [agentForWindows, agentForSql], remove: [trayMonitor]}
                installDir: C:\\Program Files\\CyberBackup
                registration:
                  mode: by-credentials
                  address: https://mgmt.example.ru:9877
                  login: admin
                  password: ${env:CB_API_PWD}
                  tenant: 556c6428-34ef-11ed-83ee-00155d8b5d06
                  transport: https-pinned-public-key
                  pinnedPublicKey: sha256//abc
                  script: C:\\deploy\\register.ps1
                  scriptParams: -c C:\\deploy\\registration.json -l C:\\deploy\\reg.log
                services:
                  agent: {account: new}
                  managementServer: {account: system}
                  storageNode:
                    account: custom
                    login: svc-sn
                    password: ${env:CB_SVC_PWD}
                ports: {webServer: 9877, zmq: 7780}
                proxy:
                  mode: custom
                  address: proxy.example.ru:3128
                  login: cb
                  password: ${env:CB_PROXY_PWD}
                vcenter:
                  address: vc.example.ru
                  login: administrator@vsphere.local
                  password: ${env:CB_VC_PWD}
                managementServerDb:
                  type: mssql
                  login: sa
                  password: ${env:CB_API_PWD}
                  driver: ODBC Driver 17 for SQL Server
                  instance: SQL01\\CB
                """, Action.INSTALL);
        assertEquals(List.of("D:\\dist\\agent.exe", "--quiet", "--log-dir=C:\\logs", "--language=ru",
                "--anti-tamper-password=******", "--installation-files=https://mgmt.example.ru/dl/",
                "--skip-https-cert-verification", "--skip-file-trust-verification", "--attempts-number=3",
                "--cache-directory=C:\\cache", "--add-components=agentForWindows,agentForSql",
                "--remove-components=trayMonitor", "--installdir=C:\\Program Files\\CyberBackup",
                "--registration=by-credentials", "--reg-address=https://mgmt.example.ru:9877", "--reg-login=admin",
                "--reg-password=******", "--reg-tenant=556c6428-34ef-11ed-83ee-00155d8b5d06",
                "--reg-transport=https-pinned-public-key", "--reg-transport-pinned-public-key=sha256//abc",
                "--reg-script=C:\\deploy\\register.ps1", "--reg-script-params=-c C:\\deploy\\registration.json -l C:\\deploy\\reg.log",
                "--agent-account=new", "--management-server-account=system", "--storage-node-account=custom",
                "--storage-mode-account-login=svc-sn", "--storage-mode-account-password=******",
                "--web-server-port=9877", "--zmq-port=7780", "--http-proxy=custom",
                "--http-proxy-address=proxy.example.ru:3128", "--http-proxy-login=cb", "--http-proxy-password=******",
                "--esxi-address=vc.example.ru", "--esxi-login=administrator@vsphere.local", "--esxi-password=******",
                "--management-server-db=mssql", "--management-server-db-auth=sa:******",
                "--management-server-db-driver=ODBC Driver 17 for SQL Server",
                "--management-server-db-instance=SQL01\\CB"), shown(plan));
        assertTrue(real(plan).contains("--management-server-db-auth=sa:" + ProfileFixture.API_PASSWORD));
        assertTrue(real(plan).contains("--reg-password=" + ProfileFixture.API_PASSWORD));
        assertTrue(real(plan).contains("--storage-mode-account-password=" + ProfileFixture.SERVICE_PASSWORD));
        assertEquals(List.of(3010, 1641, 6452541), plan.steps().get(0).rebootExitCodes());
    }

    @Test
    void the_guide_spelling_of_a_component_is_passed_as_written_with_a_warning() {
        ProfileCheck.Checked checked = new ProfileFixture(dir).check("platform: windows\ninstaller: {path: a.exe}\n"
                + "registration: {address: mgmt.example.ru}\ncomponents: {add: [remotelInstallation, agentForSql]}\n");
        assertTrue(checked.findings().stream().anyMatch(f -> !f.isError() && f.key().equals("components.add")
                && f.message().contains("probably means 'remoteInstallation'")), checked.findings()::toString);
        Plan plan = new Planner(() -> "this-host").plan(checked.model(), checked.dialect(), Action.INSTALL);
        assertTrue(shown(plan).contains("--add-components=remotelInstallation,agentForSql"), shown(plan)::toString);
    }

    @Test
    void a_password_inside_the_script_parameters_is_a_reference_that_is_filled_in_and_only_it_is_masked() {
        ProfileCheck.Checked checked = new ProfileFixture(dir).check("platform: windows\ninstaller: {path: a.exe}\n"
                + "registration:\n  address: mgmt.example.ru\n  script: C:\\deploy\\register.ps1\n"
                + "  scriptParams: -c C:\\deploy\\registration.json -u ad-admin -p ${env:CB_SVC_PWD} -l C:\\reg.log\n");
        assertTrue(checked.findings().isEmpty(), checked.findings()::toString);
        Plan plan = new Planner(() -> "this-host").plan(checked.model(), checked.dialect(), Action.INSTALL);
        assertTrue(shown(plan).contains("--reg-script-params=-c C:\\deploy\\registration.json -u ad-admin -p ****** -l C:\\reg.log"),
                shown(plan)::toString);
        Step step = plan.steps().get(0);
        assertEquals(java.util.Set.of(ProfileFixture.SERVICE_PASSWORD), step.secrets(), "only the reference's value is masked");
        assertEquals(List.of(ProfileFixture.SERVICE_PASSWORD), checked.values().secretValues());
        assertTrue(real(plan).contains("--reg-script-params=-c C:\\deploy\\registration.json -u ad-admin -p "
                + ProfileFixture.SERVICE_PASSWORD + " -l C:\\reg.log"), real(plan)::toString);

        ProfileCheck.Checked missing = new ProfileFixture(dir).check("platform: windows\ninstaller: {path: a.exe}\n"
                + "registration:\n  address: mgmt.example.ru\n  script: C:\\deploy\\register.ps1\n"
                + "  scriptParams: -u ad-admin -p ${env:CB_NOT_SET_ANYWHERE}\n");
        assertTrue(missing.findings().stream().anyMatch(f -> f.isError() && f.key().equals("registration.scriptParams")
                && f.message().contains("CB_NOT_SET_ANYWHERE is not set")), missing.findings()::toString);
    }

    @Test
    void linux_installer_follows_the_dialect_table() {
        Plan plan = plan("""
                platform: linux
                installer:
                  path: /srv/dist/CyberBackup_AgentForLinux_x86_64.bin
                  language: pt_BR
                  tmpDir: /var/tmp
                  strict: true
                  noDeps: true
                  debug: true
                  skipPrereqCheck: true
                components: {add: [BackupAndRecoveryAgent, MySQLAgentFeature]}
                registration:
                  address: https://mgmt:9877
                  token: ${env:CB_REG_TOKEN}
                  tenant: unit-1
                  transport: https-ca-system
                proxy:
                  address: proxy.example.ru:3128
                  login: cb
                  password: ${env:CB_PROXY_PWD}
                """, Action.INSTALL);
        assertEquals(List.of("/srv/dist/CyberBackup_AgentForLinux_x86_64.bin", "--auto",
                "--id=BackupAndRecoveryAgent,MySQLAgentFeature", "--rain=https://mgmt:9877",
                "--unit=unit-1", "--reg-transport=https-ca-system", "--language=pt_BR",
                "--http-proxy-host=proxy.example.ru", "--http-proxy-port=3128", "--http-proxy-login=cb",
                "--tmp-dir=/var/tmp", "--strict", "--nodeps", "--debug",
                "--skip-prereq-check"), shown(plan));
        // on Linux the secrets go into a 0600 options file by default, never into ps
        Step step = plan.steps().get(0);
        assertEquals("--options-file", step.optionsFileFlag());
        assertEquals(List.of("--token=******", "--http-proxy-password=******"),
                step.optionsFile().stream().map(Arg::display).toList());
        assertEquals(new Plan.VerifyTarget("https://mgmt:9877", "this-host"), plan.verify());
    }

    @Test
    void linux_skip_registration_sends_no_address() {
        Plan plan = plan("platform: linux\ninstaller: {path: /a.bin}\nregistration: {mode: skip}\n", Action.INSTALL);
        assertEquals(List.of("/a.bin", "--auto", "--skip-registration"), shown(plan));
        assertEquals(null, plan.verify());
    }

    @Test
    void linux_secrets_can_go_through_an_options_file() {
        Plan plan = plan("platform: linux\ninstaller: {path: /a.bin, secretsVia: options-file}\n"
                + "registration:\n  address: https://m:9877\n  login: admin\n  password: ${env:CB_API_PWD}\n", Action.INSTALL);
        Step step = plan.steps().get(0);
        assertEquals(List.of("/a.bin", "--auto", "--rain=https://m:9877", "--login=admin"), step.argv().display());
        assertEquals(List.of("--password=" + ProfileFixture.API_PASSWORD), step.optionsFile().stream().map(Arg::value).toList());
        assertEquals("--options-file", step.optionsFileFlag());
    }

    @Test
    void the_register_tool_takes_separate_arguments() {
        String base = "platform: linux\nregistration:\n  address: https://m:9877\n";
        assertEquals(List.of("/usr/lib/Acronis/RegisterAgentTool/RegisterAgent", "-o", "register", "-a", "https://m:9877",
                        "--token", "******"),
                shown(plan(base + "  token: ${env:CB_REG_TOKEN}\n", Action.REGISTER)));
        assertEquals(List.of("/usr/lib/Acronis/RegisterAgentTool/RegisterAgent", "-o", "register", "-a", "https://m:9877",
                        "--tenant", "u1", "-u", "admin", "-p", "******"),
                shown(plan(base + "  tenant: u1\n  login: admin\n  password: ${env:CB_API_PWD}\n", Action.REGISTER)));
        assertEquals(List.of("/usr/lib/Acronis/RegisterAgentTool/RegisterAgent", "-o", "register", "-a", "https://m:9877"),
                shown(plan(base, Action.REGISTER)));
    }

    @Test
    void a_storage_node_registers_as_asn_and_unregister_is_bare() {
        String yaml = "platform: windows\nregistration:\n  address: mgmt.example.ru\n  storageNode: true\n";
        assertEquals(List.of("C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe", "-o", "register",
                "-s", "asn", "-a", "mgmt.example.ru"), shown(plan(yaml, Action.REGISTER)));
        assertEquals(List.of("C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe", "-o", "unregister"),
                shown(plan(yaml, Action.UNREGISTER)));
    }

    @Test
    void the_virtual_appliance_uses_its_own_tool_and_has_no_installer() {
        String yaml = "platform: virtual-appliance\nregistration: {address: 'https://m:9877', token: '${env:CB_REG_TOKEN}'}\n";
        assertEquals("/bin/register_agent", shown(plan(yaml, Action.REGISTER)).get(0));
        assertThrows(dev.cbagent.profile.ProfileException.class, () -> plan(yaml, Action.INSTALL));
    }

    @Test
    void a_tool_path_overrides_the_default() {
        String yaml = "platform: linux\nregistration: {address: 'https://m:9877', toolPath: /opt/RegisterAgent}\n";
        assertEquals("/opt/RegisterAgent", shown(plan(yaml, Action.REGISTER)).get(0));
    }

    @Test
    void install_without_an_installer_path_is_refused_naming_the_key() {
        String yaml = "platform: linux\nregistration: {address: 'https://m:9877'}\n";
        var e = assertThrows(dev.cbagent.profile.ProfileException.class, () -> plan(yaml, Action.INSTALL));
        assertTrue(e.getMessage().contains("installer.path is required"), e.getMessage());
    }

    @Test
    void device_flow_cannot_be_done_by_the_register_tool() {
        String yaml = "edition: cloud\nplatform: windows\nregistration: {mode: device-flow, address: 'https://c.example.ru'}\n";
        var e = assertThrows(dev.cbagent.profile.ProfileException.class, () -> plan(yaml, Action.REGISTER));
        assertTrue(e.getMessage().contains("registration.mode"), e.getMessage());
    }

    @Test
    void a_user_dialect_file_can_rename_a_flag() throws Exception {
        String builtIn = new String(PlanArgvTest.class.getResourceAsStream("/dialects/linux-18.5.yaml").readAllBytes());
        java.nio.file.Files.writeString(dir.resolve("my-dialect.yaml"), builtIn.replace("flag: --rain,", "flag: --server,"));
        Plan plan = plan("platform: linux\ninstaller: {path: /a.bin, dialect: my-dialect.yaml}\n"
                + "registration: {address: 'https://m:9877'}\n", Action.INSTALL);
        assertEquals(List.of("/a.bin", "--auto", "--server=https://m:9877"), shown(plan));
    }
}
