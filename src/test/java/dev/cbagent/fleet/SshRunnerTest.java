package dev.cbagent.fleet;

import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.HostKeyPolicy;
import dev.cbagent.fleet.ssh.KnownHostsFile;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshSettings;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.IdentityStore;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.support.LoopbackSshd;
import dev.cbagent.support.StepSemantics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSH runner with POSIX sh held to the step semantics every runner shares ({@link StepSemantics}), against a
 * real OpenSSH server on 127.0.0.2 (the fleet tests' {@link LoopbackSshd}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SshRunnerTest {
    @TempDir
    static Path shared;
    static LoopbackSshd sshd;
    static SshConnector ssh;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSshd() throws Exception {
        Assumptions.assumeTrue(LoopbackSshd.available(), "skipped: /usr/sbin/sshd is not installed "
                + "(apt-get install openssh-server)");
        sshd = LoopbackSshd.start(shared.resolve("sshd"), 1);
        Path known = sshd.knownHosts();
        ssh = new SshConnector(new SshSettings(known, HostKeyPolicy.YES, List.of(sshd.clientKey()),
                Duration.ofSeconds(20), Duration.ofSeconds(5)), KnownHostsFile.load(known));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private Host host(StepSemantics fakes) {
        return new Host(sshd.addresses().get(0), sshd.port(0), "root", "web-01", null, null, false, "linux", null,
                Map.of(IdentityStore.AGENT_ROOT, fakes.agentRoot().toString()), 1);
    }

    /** What the runner told its listener, in order. */
    private final List<String> heard = new ArrayList<>();

    private StepRun run(StepSemantics fakes, Step step, Path logDir) throws Exception {
        HostPlan plan = new HostPlan(step, Path.of(step.argv().program()), null, StepSemantics.redactor());
        Runner runner = new SshRunner(ssh, UploadMode.AUTO, new Checksums(), host(fakes), plan, logDir);
        assertEquals("ssh+sh", runner.route());
        try (Runner.Session session = runner.open(Instant.now().plusSeconds(120), new Runner.Listener() {
            @Override
            public void running(Step s) {
                heard.add("running " + s.name());
            }

            @Override
            public void uploaded(boolean skipped) {
                heard.add(skipped ? "upload skipped" : "uploaded");
            }
        })) {
            assertEquals(LocalAgent.State.NOT_INSTALLED, session.identity().state(), session.identity()::toString);
            return session.run(step, false);
        }
    }

    @Test
    void a_timeout_stops_the_installer_and_every_process_it_started() throws Exception {
        StepSemantics fakes = new StepSemantics(dir);
        StepOutcome outcome = run(fakes, StepSemantics.step(fakes.treeInstaller(), Duration.ofSeconds(3)), null)
                .outcome();
        assertTrue(outcome.timedOut(), outcome::toString);
        assertFalse(outcome.succeeded());
        fakes.assertChildGone();
    }

    @Test
    void a_reboot_exit_code_is_success_with_reboot_required() throws Exception {
        StepSemantics fakes = new StepSemantics(dir);
        StepOutcome outcome = run(fakes, StepSemantics.step(fakes.rebootInstaller(), Duration.ofSeconds(60)), null)
                .outcome();
        assertEquals(StepSemantics.REBOOT_CODE, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.rebootRequired());
        assertTrue(outcome.succeeded());
    }

    @Test
    void the_step_log_and_output_are_masked_and_the_options_file_is_on_no_command_line() throws Exception {
        StepSemantics fakes = new StepSemantics(dir);
        StepRun run = run(fakes, StepSemantics.step(fakes.recordingInstaller(), Duration.ofSeconds(60)),
                dir.resolve("logs"));
        StepOutcome outcome = run.outcome();
        assertEquals(0, outcome.exitCode(), () -> outcome + "\n" + run.output());
        // The installer is already on the host (same SHA-256): it runs in place.
        assertEquals(List.of("upload skipped", "running install"), heard);

        String log = Files.readString(outcome.logFile());
        assertTrue(log.contains("options: --password=******"), log);
        assertTrue(log.contains("# cbagent: exit code 0"), log);
        StepSemantics.assertNoSecret(log, "the step log");
        StepSemantics.assertNoSecret(run.output(), "the step's output");
        StepSemantics.assertNoSecret(String.join("\n", outcome.lastLines()), "the step's last lines");

        fakes.assertOptionsFileOnly("/.*/cbagent-fleet\\.[^/]+/options");

        assertEquals(StepSemantics.NEW_INSTANCE_ID, run.identity().identity().instanceId(), run.identity()::toString);
    }
}
