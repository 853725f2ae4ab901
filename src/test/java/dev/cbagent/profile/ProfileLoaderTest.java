package dev.cbagent.profile;

import dev.cbagent.api.TrustConfig;
import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProfileLoaderTest {
    private static final String BASE = ProfileFixture.HEADER + "platform: linux\ninstaller: {path: /srv/a.bin}\n"
            + "registration:\n  address: https://m.example.ru:9877\n  token: ${env:CB_REG_TOKEN}\n";

    @TempDir
    Path dir;
    ProfileFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ProfileFixture(dir);
    }

    private Finding onlyError(ProfileCheck.Checked checked) {
        List<Finding> errors = checked.findings().stream().filter(Finding::isError).toList();
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        return errors.get(0);
    }

    @Nested
    class Locations {
        @Test
        void an_unknown_key_is_reported_at_its_line_and_column() {
            Path file = fixture.write("p.yaml", BASE + "proxy:\n  adress: p.example.ru:3128\n");
            Finding f = onlyError(fixture.check(file, null));
            assertEquals(file + ":9:3: error: proxy.adress: unknown key (did you mean 'address'?)", f.format());
        }

        @Test
        void a_yaml_syntax_error_names_the_line() {
            Path file = fixture.write("p.yaml", "edition: on-premise\nregistration: {address: [\n");
            Finding f = onlyError(fixture.check(file, null));
            assertEquals("yaml", f.key());
            assertEquals(3, f.location().line());
            assertNull(fixture.check(file, null).values());
        }

        @Test
        void a_duplicate_key_names_both_lines() {
            Path file = fixture.write("p.yaml", BASE + "edition: cloud\nedition: on-premise\n");
            Finding f = onlyError(fixture.check(file, null));
            assertEquals(9, f.location().line());
            assertTrue(f.message().contains("first at line 8"), f.message());
        }

        @Test
        void an_empty_file_is_refused() {
            Path file = fixture.write("p.yaml", "# nothing\n");
            assertTrue(onlyError(fixture.check(file, null)).message().contains("empty"));
        }

        @Test
        void a_list_at_the_top_is_refused() {
            Path file = fixture.write("p.yaml", "- a\n- b\n");
            assertTrue(onlyError(fixture.check(file, null)).message().contains("mapping of keys"));
        }
    }

    @Nested
    class Extends {
        @Test
        void maps_merge_deeply_lists_replace_and_the_child_wins() {
            fixture.write("base.yaml", BASE + "components: {add: [BackupAndRecoveryAgent, AgentForPCS]}\n"
                    + "verify: {timeout: 5m, login: api}\n");
            Path child = fixture.write("child.yaml", "extends: base.yaml\ncomponents: {add: [BackupAndRecoveryAgent]}\n"
                    + "verify: {timeout: 15m}\n");
            ProfileCheck.Checked checked = fixture.check(child, null);
            assertFalse(checked.hasErrors(), checked.findings()::toString);
            ProfileValues v = checked.values();
            assertEquals(List.of("BackupAndRecoveryAgent"), v.list("components.add"));
            assertEquals(Duration.ofMinutes(15), v.duration("verify.timeout").orElseThrow());
            assertEquals("api", v.string("verify.login").orElseThrow());
            assertEquals("/srv/a.bin", v.string("installer.path").orElseThrow());
        }

        @Test
        void an_error_in_the_base_points_into_the_base_file() {
            Path base = fixture.write("base.yaml", BASE + "registraton: {}\n");
            Path child = fixture.write("child.yaml", "extends: base.yaml\n");
            Finding f = onlyError(fixture.check(child, null));
            assertTrue(f.location().file().endsWith("base.yaml"), f.location().file());
            assertEquals(8, f.location().line());
            assertTrue(Files.exists(base));
        }

        @Test
        void a_base_in_another_folder_reads_its_relative_paths_beside_itself_and_the_child_beside_the_child()
                throws Exception {
            Path shared = Files.createDirectories(dir.resolve("shared"));
            Path hosts = Files.createDirectories(dir.resolve("hosts"));
            Files.writeString(shared.resolve("token.txt"), "base-token-value\n");
            Files.writeString(hosts.resolve("api.txt"), "child-api-password\n");
            Files.writeString(shared.resolve("ca.pem"), "not read while loading");
            new ProfileFixture(shared).write("base.yaml", ProfileFixture.HEADER + "platform: linux\n"
                    + "installer: {path: /srv/a.bin}\n"
                    + "registration:\n  address: https://m.example.ru:9877\n  token: ${file:token.txt}\n"
                    + "verify:\n  caBundle: ca.pem\n  login: api\n");
            Path child = new ProfileFixture(hosts).write("child.yaml", "extends: ../shared/base.yaml\n"
                    + "verify:\n  password: ${file:api.txt}\n");

            ProfileCheck.Checked checked = fixture.check(child, null);

            assertFalse(checked.hasErrors(), checked.findings()::toString);
            assertEquals("base-token-value", checked.model().registration().token().reveal());
            assertEquals("child-api-password", checked.model().verify().password().reveal());
            assertEquals(shared.resolve("ca.pem").toAbsolutePath(), checked.model().verify().caBundle());
            Plan plan = new Planner(() -> "web-01").plan(checked.model(), checked.dialect(), Action.INSTALL);
            assertEquals(TrustConfig.caBundle(shared.resolve("ca.pem").toAbsolutePath()),
                    plan.verification().api().trust());
        }

        @Test
        void a_base_reference_to_a_file_that_is_only_beside_the_child_is_an_error_in_the_base() throws Exception {
            Path shared = Files.createDirectories(dir.resolve("shared"));
            Path hosts = Files.createDirectories(dir.resolve("hosts"));
            Files.writeString(hosts.resolve("token.txt"), "child-folder-token\n");
            new ProfileFixture(shared).write("base.yaml", BASE.replace("${env:CB_REG_TOKEN}", "${file:token.txt}"));
            Path child = new ProfileFixture(hosts).write("child.yaml", "extends: ../shared/base.yaml\n");

            Finding f = onlyError(fixture.check(child, null));

            assertEquals("registration.token", f.key());
            assertTrue(f.location().file().endsWith("base.yaml"), f.location().file());
            assertTrue(f.message().contains("token.txt does not exist"), f.message());
        }

        @Test
        void a_cycle_is_refused() {
            fixture.write("a.yaml", "extends: b.yaml\n");
            Path b = fixture.write("b.yaml", "extends: a.yaml\n");
            assertTrue(onlyError(fixture.check(b, null)).message().contains("cycle"));
        }

        @Test
        void a_missing_base_is_named_at_the_extends_line() {
            Path child = fixture.write("child.yaml", "edition: on-premise\nextends: nowhere.yaml\n");
            Finding f = onlyError(fixture.check(child, null));
            assertEquals("extends", f.key());
            assertEquals(2, f.location().line());
        }
    }

    @Nested
    class Secrets {
        @Test
        void a_file_reference_drops_the_trailing_newline() throws Exception {
            Path secret = dir.resolve("token");
            Files.writeString(secret, "from-file-token\n");
            Path file = fixture.write("p.yaml", BASE.replace("${env:CB_REG_TOKEN}", "${file:" + secret + "}"));
            ProfileValues v = fixture.check(file, null).values();
            assertEquals("from-file-token", v.secret("registration.token").orElseThrow().reveal());
            assertEquals("${file:" + secret + "}", v.secret("registration.token").orElseThrow().reference());
        }

        @Test
        void without_secrets_no_reference_is_read_though_one_written_wrong_is_still_an_error() throws Exception {
            Path tooLarge = Files.writeString(dir.resolve("not-a-secret"), "x".repeat(100_000));
            Path file = fixture.write("p.yaml", BASE.replace("${env:CB_REG_TOKEN}", "${file:" + tooLarge + "}")
                    + "verify: {login: api, password: '${env:CB_CI_UNSET}'}\n"
                    + "proxy: {mode: custom, address: 'p.example.ru:3128', login: px, password: '${vault:px}'}\n");
            ProfileLoader notReading = new ProfileLoader(ProfileFixture.ENV, "linux").withoutSecrets();

            ProfileLoader.LoadedProfile loaded = notReading.load(file, null);
            List<String> refused = loaded.findings().stream().filter(Finding::isError).map(Finding::key).toList();
            assertTrue(refused.contains("proxy.password"), refused::toString);
            assertFalse(refused.contains("registration.token") || refused.contains("verify.password"),
                    refused::toString);
            assertEquals(Redactor.MASK, loaded.values().secret("registration.token").orElseThrow().reveal());

            ProfileLoader.LoadedProfile read = new ProfileLoader(ProfileFixture.ENV, "linux").load(file, null);
            List<String> keys = read.findings().stream().filter(Finding::isError).map(Finding::key).toList();
            assertTrue(keys.containsAll(List.of("registration.token", "verify.password", "proxy.password")),
                    keys::toString);
        }

        @Test
        void a_literal_secret_is_a_warning_in_a_private_file() {
            Path file = fixture.write("p.yaml", BASE.replace("${env:CB_REG_TOKEN}", "literal-token-value"));
            ProfileCheck.Checked checked = fixture.check(file, null);
            assertFalse(checked.hasErrors());
            assertTrue(checked.findings().stream().anyMatch(f -> !f.isError() && f.key().equals("registration.token")));
        }

        @Test
        void a_literal_secret_is_an_error_in_a_file_others_can_read() throws Exception {
            Path file = fixture.write("p.yaml", BASE.replace("${env:CB_REG_TOKEN}", "literal-token-value"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Finding f = onlyError(fixture.check(file, null));
            assertEquals("registration.token", f.key());
            assertFalse(f.format().contains("literal-token-value"));
        }

        @Test
        void a_value_refused_by_an_enum_is_not_echoed_when_it_may_hold_a_password() {
            Path file = fixture.write("p.yaml", ProfileFixture.HEADER + "platform: windows\ninstaller: {path: a.exe}\n"
                    + "registration: {address: m.example.ru}\n"
                    + "managementServerDb: {type: mssql, auth: 'sa:Secr3t-Pw', instance: SQL01}\n");
            Finding f = fixture.check(file, null).findings().stream()
                    .filter(x -> x.key().equals("managementServerDb.auth")).findFirst().orElseThrow();
            assertFalse(f.format().contains("Secr3t-Pw"), f::format);
            assertTrue(f.message().contains("is not one of service-account"), f::format);
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"${CB_REG_TOKEN}", "$CB_REG_TOKEN", "'${env:CB_REG_TOKEN'"})
        void a_shell_style_or_broken_reference_is_an_error_that_says_what_was_meant(String written) {
            Path file = fixture.write("p.yaml", BASE.replace("${env:CB_REG_TOKEN}", written));
            Finding f = fixture.check(file, null).findings().stream()
                    .filter(x -> x.key().equals("registration.token")).findFirst().orElseThrow();
            assertTrue(f.isError(), f::format);
            assertTrue(f.message().contains("did you mean `${env:CB_REG_TOKEN}`"), f::format);
        }

        @Test
        void script_parameters_are_text_whose_references_alone_are_secrets() {
            Path file = fixture.write("p.yaml", ProfileFixture.HEADER + "platform: windows\ninstaller: {path: a.exe}\n"
                    + "registration:\n  address: m.example.ru\n  script: C:\\r.ps1\n"
                    + "  scriptParams: -u ad -p ${env:CB_SVC_PWD} -k ${env:CB_VC_PWD}\n");
            ProfileValues v = fixture.check(file, null).values();
            Secret params = v.secret("registration.scriptParams").orElseThrow();
            assertEquals("-u ad -p ****** -k ******", params.display());
            assertEquals(List.of(ProfileFixture.SERVICE_PASSWORD, ProfileFixture.VCENTER_PASSWORD), params.masks());
            assertEquals("-u ad -p " + ProfileFixture.SERVICE_PASSWORD + " -k " + ProfileFixture.VCENTER_PASSWORD,
                    params.reveal());

            Path plain = fixture.write("q.yaml", ProfileFixture.HEADER + "platform: windows\ninstaller: {path: a.exe}\n"
                    + "registration:\n  address: m.example.ru\n  script: C:\\r.ps1\n  scriptParams: -c C:\\reg.json\n");
            ProfileCheck.Checked checked = fixture.check(plain, null);
            assertTrue(checked.findings().isEmpty(), checked.findings()::toString);
            assertEquals("-c C:\\reg.json", checked.values().string("registration.scriptParams").orElseThrow());
        }

        @Test
        void a_secret_never_shows_in_its_string_form() {
            Secret secret = new Secret("literal", "hunter2");
            assertEquals("******", secret.toString());
        }
    }

    @Nested
    class Defaults_ {
        @Test
        void the_api_url_comes_from_the_registration_address() {
            Path file = fixture.write("p.yaml", BASE.replace("https://m.example.ru:9877", "https://m.example.ru:9877/some/path"));
            assertEquals("https://m.example.ru:9877", fixture.check(file, null).values().string("verify.apiUrl").orElseThrow());
        }

        @Test
        void a_bare_host_gets_https_and_the_default_port() {
            Path file = fixture.write("p.yaml", BASE.replace("https://m.example.ru:9877", "m.example.ru"));
            assertEquals("https://m.example.ru:9877", fixture.check(file, null).values().string("verify.apiUrl").orElseThrow());
        }

        @Test
        void a_bracketed_ipv6_address_gets_https_and_the_default_port() {
            Path file = fixture.write("p.yaml", BASE.replace("https://m.example.ru:9877", "'[fd00::5]'"));
            assertEquals("https://[fd00::5]:9877", fixture.check(file, null).values().string("verify.apiUrl").orElseThrow());
        }

        @Test
        void verify_credentials_default_to_the_registration_account() {
            Path file = fixture.write("p.yaml", ProfileFixture.HEADER + "platform: linux\ninstaller: {path: /a.bin}\n"
                    + "registration:\n  address: https://m.example.ru\n  login: admin\n  password: ${env:CB_API_PWD}\n");
            ProfileValues v = fixture.check(file, null).values();
            assertEquals("admin", v.string("verify.login").orElseThrow());
            assertEquals(ProfileFixture.API_PASSWORD, v.secret("verify.password").orElseThrow().reveal());
        }

        @Test
        void the_platform_option_overrides_the_profile() {
            Path file = fixture.write("p.yaml", BASE);
            assertEquals("windows", fixture.check(file, "windows").values().string("platform").orElseThrow());
        }
    }
}
