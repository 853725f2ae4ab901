package dev.cbagent.cli;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.SandboxRigTest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: where secrets could be seen on the way (a command line in ps, plain http) cbagent says so, once,
 * in every command that would send them; a Linux install keeps them out of ps by default.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretsOnCommandLinesIT extends SandboxRigTest {
    private static final String PS_WARNING = "the registration tool takes its secret on its command line by the vendor's design";
    private static final String HTTP_WARNING = "warning: registration.address: plain http://";

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void a_linux_install_plan_keeps_secrets_out_of_the_command_line_and_register_says_it_cannot() throws IOException {
        Path profile = profile("https://mgmt.example.ru:9877", "");
        Result install = cbagent("plan", profile.toString(), "--action", "install");
        assertEquals(0, install.exitCode(), install::toString);
        assertTrue(install.stdout().contains("--options-file=<0600 temporary file"), install::toString);
        assertFalse(install.stdout().contains("--token=******\n  --"), install::toString);
        assertEquals(0, count(install.stderr(), "command line"), install::toString);

        Result register = cbagent("plan", profile.toString(), "--action", "register");
        assertEquals(0, register.exitCode(), register::toString);
        assertEquals(1, count(register.stderr(), PS_WARNING), register::toString);
        assertTrue(register.stdout().contains("--token"), register::toString);
    }

    @Test
    void plain_http_is_warned_by_validate_install_verify_and_fleet() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile(""); // the sandbox speaks plain http
        assertTrue(server.baseUri().toString().startsWith("http://"));

        Result validate = cbagent("validate", profile.toString());
        assertEquals(0, validate.exitCode(), validate::toString);
        assertEquals(1, count(validate.stderr(), HTTP_WARNING), validate::toString);

        Result install = cbagent("install", profile.toString());
        assertEquals(0, install.exitCode(), install::toString);
        assertEquals(1, count(install.stderr(), HTTP_WARNING), install::toString);

        Result verify = cbagent("verify", profile.toString(), "--timeout", "3s");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertEquals(1, count(verify.stderr(), HTTP_WARNING), verify::toString);

        // a dry run connects to nothing but the API (port 1 would refuse)
        Path hosts = Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  - {address: 127.0.0.1, port: 1, hostname: web-01}\n");
        Result fleet = cbagent("fleet", "run", "--dry-run", "--hosts", hosts.toString(), "--profile", profile.toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--connect-timeout", "3s");
        assertEquals(0, fleet.exitCode(), fleet::toString);
        assertEquals(1, count(fleet.stderr(), HTTP_WARNING), fleet::toString);

        Path secure = profile("https://mgmt.example.ru:9877", "");
        Result quiet = cbagent("validate", secure.toString());
        assertEquals(0, quiet.exitCode(), quiet::toString);
        assertEquals("", quiet.stderr().strip(), quiet::toString);
    }
}
