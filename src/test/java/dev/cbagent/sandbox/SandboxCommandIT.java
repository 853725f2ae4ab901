package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.support.JarRunner;
import dev.cbagent.testing.SandboxHttp;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cbagent sandbox} from the built jar, with the identity options. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxCommandIT {
    @TempDir
    Path dir;

    @Test
    void help_documents_every_identity_option() {
        JarRunner.Result help = new JarRunner(dir, Map.of()).run("sandbox", "--help");

        assertEquals(0, help.exitCode(), help::toString);
        for (String option : List.of("--seed-stale=NAME", "--seed-twin=NAME", "--trim-lists", "--fqdn-domain=DOMAIN",
                "--require-limit", "--drop-connections=N", "BackupAndRecovery.config", "415")) {
            assertTrue(help.stdout().contains(option), () -> option + " is not in:\n" + help);
        }
    }

    @Test
    void starts_with_seeded_machines_and_the_server_shapes_switched_on() throws Exception {
        Path ready = dir.resolve("url");
        Path log = dir.resolve("sandbox.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", JarRunner.jar().toString(), "sandbox", "--port", "0",
                "--ready-file", ready.toString(), "--tools-dir", dir.resolve("tools").toString(),
                "--seed-stale", "web-01", "--seed-stale", "web-02", "--seed-twin", "web-01", "--trim-lists",
                "--fqdn-domain", "corp.example", "--require-limit")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 300 && !Files.exists(ready); i++) {
                assertTrue(process.isAlive(), () -> "the sandbox ended:\n" + read(log));
                Thread.sleep(100);
            }
            SandboxHttp http = new SandboxHttp(URI.create(Files.readString(ready).strip()));
            JsonNode state = http.get("/sandbox/v1/state").body();

            assertEquals(3, state.get("machines").asInt(), state::toString);
            assertEquals(0, state.get("registrations").asInt(), state::toString);
            JsonNode faults = state.get("faults");
            assertTrue(faults.get("trimLists").asBoolean(), faults::toString);
            assertTrue(faults.get("requireLimit").asBoolean(), faults::toString);
            assertEquals("corp.example", faults.get("fqdnDomain").asText(), faults::toString);
            String registered = http.register("db-01").get("resource_id").asText();
            assertTrue(read(log).contains("stale machine web-01: resource_id="), read(log));
            assertTrue(read(log).contains("twin machine web-01: resource_id="), read(log));
            assertTrue(Files.isExecutable(dir.resolve("tools/systemctl")));
            assertTrue(registered.length() > 30);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
