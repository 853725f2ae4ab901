package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Black-box: the built jar as a process, on the shipped example profiles and on broken ones. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValidateAndPlanIT {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> SECRETS = ProfileFixture.ENV.values().stream().toList();

    @TempDir
    Path dir;

    private JarRunner jar() {
        return new JarRunner(JarRunner.projectRoot(), ProfileFixture.ENV);
    }

    static Stream<String> exampleProfiles() throws IOException {
        try (Stream<Path> files = Files.list(JarRunner.projectRoot().resolve("profiles"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Exactly one JSON document on stdout, nothing else. */
    static JsonNode oneJsonDocument(Result result) {
        try (var parser = STRICT.createParser(result.stdout())) {
            JsonNode node = STRICT.readTree(parser);
            assertEquals(null, parser.nextToken(), () -> "more than one JSON document:\n" + result);
            return node;
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document:\n" + result, e);
        }
    }

    static void assertNoSecretsAndNoStackTrace(Result result) {
        for (String secret : SECRETS) {
            assertFalse(result.all().contains(secret), () -> "a secret leaked:\n" + result);
        }
        assertFalse(result.stderr().contains("Exception") || result.stderr().contains("\tat "),
                () -> "a stack trace on stderr:\n" + result);
    }

    @ParameterizedTest
    @MethodSource("exampleProfiles")
    void every_example_profile_validates_and_plans_without_showing_a_secret(String name) {
        Path profile = Path.of("profiles", name);
        Result validate = jar().run("validate", profile.toString());
        assertEquals(0, validate.exitCode(), validate::toString);
        assertNoSecretsAndNoStackTrace(validate);

        String action = name.startsWith("virtual-appliance") ? "register" : "install";
        Result plan = jar().run("plan", profile.toString(), "--action", action, "--output", "json");
        assertEquals(0, plan.exitCode(), plan::toString);
        JsonNode doc = oneJsonDocument(plan);
        assertEquals(action, doc.get("action").asText());
        assertTrue(doc.get("steps").get(0).get("argv").size() > 1, plan::toString);
        assertNoSecretsAndNoStackTrace(plan);
    }

    @Test
    void a_broken_profile_exits_2_with_located_findings_and_no_stack_trace() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "platform: linux\nregistration:\n  adress: https://m:9877\n  token: ${env:CB_REG_TOKEN}\n"
                + "  login: admin\n");
        Result result = jar().run("validate", bad.toString());
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(bad + ":3:3: error: registration.adress: unknown key (did you mean 'address'?)"),
                result::toString);
        assertTrue(result.stderr().contains(bad + ":5:10: error: registration.login: cannot be combined with registration.token"),
                result::toString);
        assertNoSecretsAndNoStackTrace(result);
    }

    @Test
    void dash_o_is_short_for_output_on_every_kind_of_command() throws IOException {
        Path profile = Path.of("profiles", exampleProfiles().findFirst().orElseThrow());
        for (String[] args : new String[][]{{"validate", profile.toString(), "-o", "json"},
                {"plan", profile.toString(), "-o", "json"}, {"status", "-o", "json"}}) {
            Result r = jar().run(args);
            assertTrue(oneJsonDocument(r).isObject(), r::toString);
            assertNoSecretsAndNoStackTrace(r);
        }
    }

    @Test
    void json_output_is_one_document_even_on_failure() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "platform: linux\nedition: clowd\n");
        Result validate = jar().run("validate", bad.toString(), "--output", "json");
        assertEquals(2, validate.exitCode());
        JsonNode doc = oneJsonDocument(validate);
        assertFalse(doc.get("valid").asBoolean());
        JsonNode findings = doc.get("profiles").get(0).get("findings");
        assertTrue(findings.findValuesAsText("key").contains("edition"), findings::toString);

        Result plan = jar().run("plan", bad.toString(), "--output", "json");
        assertEquals(2, plan.exitCode());
        JsonNode failure = oneJsonDocument(plan);
        assertEquals(2, failure.get("exitCode").asInt());
        assertEquals("invalid-profile", failure.get("error").get("code").asText());
        assertTrue(failure.get("error").get("findings").findValuesAsText("key").contains("edition"), failure::toString);
        assertNoSecretsAndNoStackTrace(plan);
    }

    @Test
    void a_missing_profile_and_a_bad_option_exit_2() {
        Result missing = jar().run("plan", "no-such-profile.yaml");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("no-such-profile.yaml:1:1: error"), missing::toString);

        Result badAction = jar().run("plan", "profiles/linux-base.yaml", "--action", "reinstall");
        assertEquals(2, badAction.exitCode(), badAction::toString);
        assertTrue(badAction.stderr().contains("--action"), badAction::toString);

        Result badPlatform = jar().run("validate", "profiles/linux-base.yaml", "--platform", "solaris");
        assertEquals(2, badPlatform.exitCode(), badPlatform::toString);
        assertNoSecretsAndNoStackTrace(badPlatform);
    }

    @Test
    void a_missing_environment_variable_is_named_and_exits_2() {
        Result result = new JarRunner(JarRunner.projectRoot(), java.util.Map.of()).run("validate", "profiles/linux-base.yaml");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("environment variable CB_REG_TOKEN is not set"), result::toString);
    }

    @Test
    void the_schema_is_json_that_forbids_unknown_keys() {
        Result result = jar().run("schema");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode schema = oneJsonDocument(result);
        assertFalse(schema.get("additionalProperties").asBoolean(true));
        assertEquals("string", schema.at("/properties/registration/properties/token/type").asText());
        assertTrue(schema.at("/properties/registration/properties/token/x-secret").asBoolean());
    }

    @Test
    void help_and_version_answer_and_exit_0() {
        Result help = jar().run("--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().contains("validate") && help.stdout().contains("Exit codes"), help::toString);
        Result version = jar().run("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().startsWith("cbagent "), version::toString);
    }
}
