package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.exec.WindowsCommandLine;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.platform.identity.WindowsRegistryIdentity;
import dev.cbagent.profile.ProfileLoader;
import dev.cbagent.testing.GoldenFiles;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PowerShell route of Windows fleet hosts, from a real Windows profile through the planner: the generated
 * scripts and answers against golden files ({@code -Dgolden.update=true} rewrites them), the argv that reaches the
 * installer, and no secret in the script. {@link PowerShellGrammarTest} parses the same files with a PowerShell
 * grammar.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WindowsRemoteScriptTest {
    static final String INSTALLER = "C:\\dist\\CyberBackup_AgentForWindows_x64.exe";
    static final String UPLOADED = "C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\cbagent-fleet-0f1e2d3c4b5a69788796a5b4c3d2e1f0"
            + "\\CyberBackup_AgentForWindows_x64.exe";

    @TempDir
    Path dir;

    private static Host windowsHost(Map<String, String> env) {
        return new Host("10.0.0.5", 22, "Administrator", "win-01", null, null, false, "windows", null, env, 1);
    }

    private HostPlan plan(String yaml, Host host) {
        Path profile = new ProfileFixture(dir).write("windows.yaml", ProfileFixture.HEADER + yaml);
        FleetProfiles profiles = new FleetProfiles(new ProfileCheck(new ProfileLoader(ProfileFixture.ENV, "linux"),
                new DialectLoader()));
        return profiles.plan(List.of(host), profile).get(host.label());
    }

    /** A Windows on-premise profile by token with the installer at {@code installer} and the given other lines. */
    static String windows(String installer, String... lines) {
        return String.join("\n", "edition: on-premise", "platform: windows", "installer:",
                "  path: '" + installer.replace("'", "''") + "'") + "\n" + String.join("\n", lines) + "\n"
                + String.join("\n", "registration:", "  mode: by-token", "  address: https://mgmt.example.ru:9877",
                "  token: ${env:CB_REG_TOKEN}") + "\n";
    }

    /** The by-token profile of {@code profiles/windows-onprem-by-token.yaml}. */
    static String byToken(String installer) {
        return windows(installer, "  language: ru", "  logDir: C:\\ProgramData\\cbagent\\logs", "  timeout: 30m",
                "components:", "  add: [agentForWindows, commandLine]", "  remove: [trayMonitor]")
                + "verify:\n  login: api-admin\n  password: ${env:CB_API_PWD}\n  timeout: 10m\n";
    }

    /** A profile with everything that needs quoting: a reset with its own restart, odd paths, an agent account. */
    static String withReset(String installer) {
        return windows(installer, "  antiTamperPassword: ${env:CB_ANTI_TAMPER}", "  timeout: 45m",
                "installDir: C:\\Program Files\\Cyber \"Backup\"\\", "services:", "  agent:", "    account: custom",
                "    login: CORP\\svc-cb", "    password: ${env:CB_SVC_PWD}")
                + "  identity: reset\n"
                + "  serviceRestart: ['C:\\Program Files\\Tools\\restart service.exe', MMS, \"it's $(now)\"]\n"
                + "verify:\n  login: api-admin\n  password: ${env:CB_API_PWD}\n";
    }

    private static final List<String> SECRETS = List.of(ProfileFixture.TOKEN, ProfileFixture.API_PASSWORD,
            ProfileFixture.SERVICE_PASSWORD, ProfileFixture.ANTI_TAMPER);

    private static void assertNoSecret(String what, String text) {
        for (String secret : SECRETS) {
            for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))) {
                assertFalse(text.contains(form), what + " holds a secret");
            }
        }
    }

    @Test
    void a_windows_profile_takes_the_powershell_route_with_its_secrets_in_argv_for_stdin() {
        HostPlan plan = plan(byToken(INSTALLER), windowsHost(Map.of()));
        assertSame(RemoteShell.POWERSHELL, plan.shell());
        assertEquals("ssh+powershell", plan.shell().route());
        assertEquals(List.of(3010, 1641, 6452541), plan.step().rebootExitCodes());
        assertTrue(plan.step().argv().display().contains("--reg-token=******"), plan.step().argv()::toString);
        assertTrue(plan.step().optionsFile().isEmpty(), "the Windows installer takes no options file");
    }

    @Test
    void the_install_script_matches_its_golden_file_and_holds_no_secret() throws Exception {
        Host host = windowsHost(Map.of());
        String script = WindowsRemoteShell.script(host, plan(byToken(INSTALLER), host));
        GoldenFiles.assertMatches("powershell/install.ps1", script);
        assertNoSecret("the script", script);
        assertTrue(script.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "the script is ASCII");
        assertTrue(script.startsWith("& {\n") && script.endsWith("}\n\n"), "one script block and a blank line");
        assertTrue(script.contains("'HKLM:\\" + WindowsRegistryIdentity.KEY + "'"), "the agent's registry key");
        assertTrue(script.contains("'identity='") && script.contains("'cbagent-identity-after='"));
        assertTrue(script.contains("& 'net'") || script.contains("-Program 'net' -Arguments 'stop MMS'"),
                "the dialect's service restart");
    }

    @Test
    void the_reset_script_with_odd_values_matches_its_golden_file() throws Exception {
        Host host = windowsHost(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "CB_NOTE", "it's “quoted” $(not run)"));
        String script = WindowsRemoteShell.script(host, plan(withReset("C:\\Дистрибутив\\O'Brien agent.exe"), host));
        GoldenFiles.assertMatches("powershell/install-reset-env-odd-paths.ps1", script);
        assertNoSecret("the script", script);
        assertTrue(script.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "non-ASCII is encoded");
        assertTrue(script.contains("-Program 'C:\\Program Files\\Tools\\restart service.exe' -Arguments "
                + "'MMS \"it''s $(now)\"'"), script);
    }

    @Test
    void the_answers_match_their_golden_files_masked_and_carry_the_exact_argv_when_real() throws Exception {
        Host host = windowsHost(Map.of());
        HostPlan plan = plan(withReset(INSTALLER), host);
        List<String> display = plan.step().argv().display();
        GoldenFiles.assertMatches("powershell/answer-install-in-place.txt",
                WindowsRemoteScript.answer(false, INSTALLER, display.subList(1, display.size())));
        GoldenFiles.assertMatches("powershell/answer-reset-uploaded.txt",
                WindowsRemoteScript.answer(true, UPLOADED, display.subList(1, display.size())));

        String real = plan.shell().answer(true, UPLOADED, plan.step());
        String[] lines = real.split("\n");
        assertEquals(RemoteScripts.RESET, lines[0]);
        assertEquals(UPLOADED, new String(Base64.getDecoder().decode(lines[1]), StandardCharsets.UTF_8));
        String arguments = new String(Base64.getDecoder().decode(lines[2]), StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(plan.step().argv().values());
        expected.set(0, UPLOADED);
        // .NET's Process.Start quotes the program and appends the arguments: what CommandLineToArgvW splits.
        assertEquals(expected, WindowsCommandLine.parse("\"" + UPLOADED + "\" " + arguments));
        assertTrue(arguments.contains(ProfileFixture.TOKEN), "the real answer carries the token");
    }

    @Test
    void an_installer_path_with_a_line_break_is_refused() {
        HostPlan plan = plan(byToken(INSTALLER), windowsHost(Map.of()));
        HostFailure f = assertThrows(HostFailure.class, () -> plan.shell().answer(false, "C:\\a\nb.exe", plan.step()));
        assertEquals("upload", f.step());
    }

    @Test
    void the_exit_code_is_the_scripts_own_last_line_else_the_channels() {
        RemoteShell shell = RemoteShell.POWERSHELL;
        assertEquals(3010, shell.exitCode(new ExecResult(0, "dir=C:\\t\nready\ncbagent-exit=3010\n", "")));
        assertEquals(6452541, shell.exitCode(new ExecResult(1, "cbagent-exit=6452541\n", "")));
        assertEquals(5, shell.exitCode(new ExecResult(5, "cbagent-exit=oops\n", "")));
        assertEquals(1, shell.exitCode(new ExecResult(1, "", "")));
        assertEquals("fatal: disk full", SshRunner.lastLine(SshRunner.installerOutput(new ExecResult(1,
                "dir=C:\\t\nready\nfatal: disk full\ncbagent-identity-after=none\ncbagent-exit=1\n", ""), shell)));
    }

    @Test
    void the_folder_the_host_prints_becomes_an_sftp_path() {
        assertEquals("/C:/Users/adm/AppData/Local/Temp/cbagent-fleet-1/x.exe",
                WindowsRemoteScript.sftpPath("C:\\Users\\adm\\AppData\\Local\\Temp\\cbagent-fleet-1\\x.exe"));
    }

    @Test
    void sudo_on_a_windows_host_is_refused_before_anything_runs() {
        Host host = new Host("10.0.0.5", 22, "Administrator", "win-01", null, null, true, "windows", null, Map.of(), 7);
        CbagentException e = assertThrows(CbagentException.class, () -> plan(byToken(INSTALLER), host));
        assertTrue(e.getMessage().contains("line 7") && e.getMessage().contains("sudo"), e.getMessage());
    }

    @Test
    void a_virtual_appliance_profile_is_still_refused_with_a_sentence() {
        Host host = new Host("10.0.0.5", 22, "root", "va-01", null, null, false, "virtual-appliance", null, Map.of(), 1);
        Exception e = assertThrows(RuntimeException.class, () -> plan(byToken(INSTALLER)
                .replace("platform: windows", "platform: virtual-appliance"), host));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
    }
}
