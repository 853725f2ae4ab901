package dev.cbagent.plan;

import dev.cbagent.api.TrustConfig;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a plan carries besides its steps: the API target, the verification policy, the inputs that steer it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlanTargetsTest {
    private static final String LINUX = "platform: linux\ninstaller: {path: /a.bin, secretsVia: argv}\n"
            + "registration:\n  address: https://m.example.ru:9877\n  login: admin\n  password: ${env:CB_API_PWD}\n";

    @TempDir
    Path dir;

    private ProfileCheck.Checked checked(String yaml) {
        ProfileCheck.Checked checked = new ProfileFixture(dir).check(yaml);
        assertFalse(checked.hasErrors(), checked.findings()::toString);
        return checked;
    }

    private Plan plan(String yaml, PlanInputs inputs) {
        ProfileCheck.Checked c = checked(yaml);
        return new Planner(inputs).plan(c.model(), c.dialect(), Action.INSTALL);
    }

    @Test
    void a_plan_carries_the_api_target_with_credentials_as_a_secret_and_the_verification_policy() {
        Plan plan = plan(LINUX + "verify: {timeout: 3m, requireOnline: false, pinnedPublicKey: \"sha256//"
                + "A".repeat(43) + "=\"}\n", PlanInputs.thisMachine(() -> "web-01"));

        Verification v = plan.verification();
        assertEquals(URI.create("https://m.example.ru:9877"), v.api().url());
        assertEquals("admin", v.api().login());
        assertEquals(ProfileFixture.API_PASSWORD, v.api().password().reveal());
        assertFalse(v.api().password().toString().contains(ProfileFixture.API_PASSWORD));
        assertEquals(TrustConfig.pinnedPublicKey("sha256//" + "A".repeat(43) + "="), v.api().trust());
        assertEquals("web-01", v.hostname());
        assertEquals(Duration.ofMinutes(3), v.timeout());
        assertFalse(v.requireOnline());
        assertEquals("password ******", plan.redactor().redact("password " + ProfileFixture.API_PASSWORD));
    }

    @Test
    void the_default_verify_timeout_and_trust_are_the_ones_the_profile_reference_documents() {
        Verification v = plan(LINUX, PlanInputs.thisMachine(() -> "web-01")).verification();
        assertEquals(Duration.ofMinutes(10), v.timeout());
        assertTrue(v.requireOnline());
        assertEquals(TrustConfig.systemDefault(), v.api().trust());
    }

    @Test
    void without_an_api_account_the_verification_says_which_keys_are_missing_where() {
        Plan plan = plan("platform: linux\ninstaller: {path: /a.bin}\n"
                + "registration:\n  address: https://m.example.ru:9877\n  token: ${env:CB_REG_TOKEN}\n",
                PlanInputs.thisMachine(() -> "web-01"));

        assertFalse(plan.verification().isConfigured());
        assertEquals(List.of("verify.login", "verify.password"),
                plan.verification().missing().stream().map(f -> f.key()).toList());
    }

    @Test
    void a_plan_for_remote_hosts_keeps_every_secret_off_the_command_line_and_names_no_host() {
        String yaml = LINUX + "protection: {group: Linux servers}\n";
        Plan local = plan(yaml, PlanInputs.thisMachine(() -> "web-01"));
        Plan remote = plan(yaml, PlanInputs.remoteHosts());

        assertEquals(List.of("--password=******"), local.steps().get(0).argv().display().stream()
                .filter(a -> a.startsWith("--password")).toList());
        Step step = remote.steps().get(0);
        assertTrue(step.argv().secrets().isEmpty(), step.argv().display()::toString);
        assertEquals(List.of("--password=" + ProfileFixture.API_PASSWORD), step.optionsFile().stream().map(Arg::value).toList());
        assertNull(remote.verify());
        assertNull(remote.verification().hostname());
        assertEquals("Linux servers", remote.protection().group());
        assertTrue(remote.verification().isConfigured());
    }
}
