package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Argv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommonsExecProcessRunnerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ProcessRunner runner = new CommonsExecProcessRunner();

    private Path log() {
        return dir.resolve("logs/step.log");
    }

    private String logText() throws IOException {
        return Files.readString(log(), StandardCharsets.UTF_8);
    }

    private static Argv argv(Path program, Arg... args) {
        List<Arg> list = new ArrayList<>();
        list.add(Arg.plain(program.toString()));
        list.addAll(Arrays.asList(args));
        return new Argv(list);
    }

    private static List<String> nulSeparated(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>(Arrays.asList(content.split("\0", -1)));
        values.remove(values.size() - 1);
        return values;
    }

    @Nested
    class Exit_codes {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 3, 42, 255})
        void are_passed_through_unchanged(int code) throws IOException {
            Path script = Scripts.write(dir, "exit.sh", "exit " + code);

            RunResult result = runner.run(argv(script), RunOptions.of(GENEROUS, log(), null));

            assertEquals(code, result.exitCode());
            assertFalse(result.timedOut());
            assertEquals(log(), result.logFile());
            assertEquals(code == 0, result.succeeded());
        }
    }

    @Nested
    class The_log_file {
        @Test
        void masks_a_secret_written_in_two_halves_around_a_carriage_return() throws IOException {
            Path script = Scripts.write(dir, "progress.sh", "printf 'step 1\\rtoken tok-Z'; printf 'q81xx\\rdone\\n'");
            runner.run(argv(script, Arg.secret("--token=", "tok-Zq81xx")), RunOptions.of(GENEROUS, log(), null));
            String text = logText();
            assertFalse(text.contains("q81xx"), text);
            assertTrue(text.contains("token ******"), text);
        }

        @Test
        void holds_both_streams_with_every_secret_masked() throws IOException {
            Path script = Scripts.write(dir, "talk.sh", """
                    echo "out: $1 $2"
                    echo "err: $1 $CB_EXTRA" >&2
                    """);
            Argv argv = argv(script, Arg.secret("--token=", "tok-Zq81xx"), Arg.plain("--auto"));
            RunOptions options = RunOptions.of(GENEROUS, log(), new Redactor(List.of("env-S3cret")))
                    .withExtraEnv(Map.of("CB_EXTRA", "env-S3cret"));

            runner.run(argv, options);

            String text = logText();
            assertFalse(text.contains("tok-Zq81xx"), text);
            assertFalse(text.contains("env-S3cret"), text);
            assertTrue(text.contains("out: --token=****** --auto"), text);
            assertTrue(text.contains("err: --token=****** ******"), text);
            assertTrue(text.contains("# cbagent: $ " + script + " '--token=******' --auto"), text);
            assertTrue(text.contains("# cbagent: exit code 0"), text);
        }

        @Test
        void masks_a_secret_that_arrives_in_two_separate_writes() throws IOException {
            Path script = Scripts.write(dir, "split.sh", """
                    printf 'before abc-sec'
                    sleep 0.3
                    printf 'ret-xyz after\\n'
                    printf 'no newline at the end: abc-secret-xyz'
                    """);

            runner.run(argv(script), RunOptions.of(GENEROUS, log(), new Redactor(List.of("abc-secret-xyz"))));

            String text = logText();
            assertFalse(text.contains("abc-secret-xyz"), text);
            assertTrue(text.contains("before ****** after"), text);
            assertTrue(text.contains("no newline at the end: ******"), text);
        }

        @Test
        void is_appended_to_and_readable_by_its_owner_only() throws IOException {
            Path script = Scripts.write(dir, "hello.sh", "echo hello");

            runner.run(argv(script), RunOptions.of(GENEROUS, log(), null));
            runner.run(argv(script), RunOptions.of(GENEROUS, log(), null));

            assertEquals(2, logText().split("\nhello\n", -1).length - 1, logText());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log())));
        }

        @Test
        void lines_are_also_echoed_masked_when_asked() throws IOException {
            Path script = Scripts.write(dir, "talk.sh", "echo \"one $1\"; echo two >&2");
            List<String> echoed = new CopyOnWriteArrayList<>();
            ProcessRunner echoing = new CommonsExecProcessRunner(echoed::add);

            echoing.run(argv(script, Arg.secret("", "pw-77")), RunOptions.of(GENEROUS, log(), null));

            assertTrue(echoed.containsAll(List.of("one ******", "two")), echoed.toString());
        }

        @Test
        void that_cannot_be_written_is_a_clear_error() throws IOException {
            Path script = Scripts.write(dir, "hello.sh", "echo hello");
            Path notADirectory = Files.writeString(dir.resolve("file"), "x");

            CbagentException e = assertThrows(CbagentException.class,
                    () -> runner.run(argv(script), RunOptions.of(GENEROUS, notADirectory.resolve("step.log"), null)));

            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
            assertTrue(e.getMessage().startsWith("Cannot write the log file"), e.getMessage());
        }
    }

    @Nested
    class A_timeout {
        @Test
        void kills_the_script_and_the_sleep_it_started() throws Exception {
            Path pidFile = dir.resolve("grandchild.pid");
            Path script = Scripts.write(dir, "hang.sh", """
                    sleep 1000 &
                    echo $! > "$1"
                    wait
                    """);
            long start = System.nanoTime();

            RunResult result = runner.run(argv(script, Arg.plain(pidFile.toString())),
                    RunOptions.of(Duration.ofSeconds(1), log(), null));

            assertTrue(result.timedOut());
            assertFalse(result.succeeded());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
            long grandchild = Long.parseLong(Files.readString(pidFile).trim());
            assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false),
                    "the sleep grandchild " + grandchild + " is still alive");
            assertTrue(logText().contains("timed out after PT1S"), logText());
        }

        @Test
        void is_not_reported_when_the_program_ends_in_time() throws IOException {
            Path script = Scripts.write(dir, "quick.sh", "sleep 0.2");

            RunResult result = runner.run(argv(script), RunOptions.of(Duration.ofSeconds(20), log(), null));

            assertFalse(result.timedOut());
            assertEquals(0, result.exitCode());
        }
    }

    @Nested
    class Arguments {
        @Test
        void with_shell_syntax_arrive_as_single_elements_and_run_nothing() throws IOException {
            Path out = dir.resolve("args.bin");
            Path victim = Files.writeString(dir.resolve("x"), "still here");
            Path script = Scripts.write(dir, "args.sh", "printf '%s\\0' \"$@\" > \"$OUT\"");
            List<String> hostile = List.of("; rm -rf x", "\"quoted\"", "a b", "$(touch pwned)", "`touch pwned2`",
                    " padded ", "", "*", "${HOME}", "it's", "line1\nline2", "back\\slash\\", "пароль ✓", "&& touch pwned3",
                    "| touch pwned4", "> pwned5");
            List<Arg> args = new ArrayList<>();
            hostile.forEach(value -> args.add(Arg.plain(value)));

            RunResult result = runner.run(argv(script, args.toArray(Arg[]::new)),
                    RunOptions.of(GENEROUS, log(), null).withWorkingDir(dir).withExtraEnv(Map.of("OUT", out.toString())));

            assertEquals(0, result.exitCode());
            assertEquals(hostile, nulSeparated(out));
            assertTrue(Files.exists(victim));
            for (String name : List.of("pwned", "pwned2", "pwned3", "pwned4", "pwned5")) {
                assertFalse(Files.exists(dir.resolve(name)), name + " was created");
            }
        }

        @Test
        void reach_a_program_whose_path_has_spaces() throws IOException {
            Path spaced = Files.createDirectories(dir.resolve("with space"));
            Path script = Scripts.write(spaced, "my tool.sh", "echo \"ran with $1\"");

            RunResult result = runner.run(argv(script, Arg.plain("one")), RunOptions.of(GENEROUS, log(), null));

            assertEquals(0, result.exitCode());
            assertTrue(logText().contains("ran with one"), logText());
        }
    }

    @Nested
    class Standard_input {
        @Test
        void is_delivered_to_the_program() throws IOException {
            Path script = Scripts.write(dir, "read.sh", "while IFS= read -r line; do echo \"got: $line\"; done");

            runner.run(argv(script), RunOptions.of(GENEROUS, log(), null).withStdin("first\nsecond\n"));

            assertTrue(logText().contains("got: first\ngot: second\n"), logText());
        }

        @Test
        void is_closed_when_there_is_none_so_a_prompt_reads_end_of_file() throws IOException {
            Path script = Scripts.write(dir, "prompt.sh", "if read -r answer; then exit 0; else echo eof; exit 9; fi");

            RunResult result = runner.run(argv(script), RunOptions.of(Duration.ofSeconds(20), log(), null));

            assertEquals(9, result.exitCode());
            assertFalse(result.timedOut());
        }
    }

    @Nested
    class Environment_and_directory {
        @Test
        void extra_variables_and_the_working_directory_are_applied() throws IOException {
            Path work = Files.createDirectories(dir.resolve("work"));
            Path script = Scripts.write(dir, "env.sh", "echo \"dir=$(pwd) var=$CB_VAR path-kept=${PATH:+yes}\"");

            runner.run(argv(script), RunOptions.of(GENEROUS, log(), null)
                    .withWorkingDir(work).withExtraEnv(Map.of("CB_VAR", "v1")));

            assertTrue(logText().contains("dir=" + work.toRealPath() + " var=v1 path-kept=yes"), logText());
        }
    }

    @Nested
    class A_program_that_cannot_run {
        @Test
        void because_it_does_not_exist_is_one_clear_sentence() {
            Path missing = dir.resolve("CyberBackup_AgentForLinux_x86_64.bin");

            ProgramNotRunnableException e = assertThrows(ProgramNotRunnableException.class,
                    () -> runner.run(argv(missing), RunOptions.of(GENEROUS, log(), null)));

            assertEquals("The program " + missing + " does not exist.", e.getMessage());
        }

        @Test
        void because_it_is_not_executable_says_so() throws IOException {
            Path plain = Files.writeString(dir.resolve("installer.bin"), "#!/bin/sh\n");

            ProgramNotRunnableException e = assertThrows(ProgramNotRunnableException.class,
                    () -> runner.run(argv(plain), RunOptions.of(GENEROUS, log(), null)));

            assertTrue(e.getMessage().contains("is not executable"), e.getMessage());
        }

        @Test
        void because_it_is_not_on_the_path_says_so() {
            ProgramNotRunnableException e = assertThrows(ProgramNotRunnableException.class,
                    () -> runner.run(Argv.of("no-such-cbagent-tool"), RunOptions.of(GENEROUS, log(), null)));

            assertEquals("The program no-such-cbagent-tool was not found on the PATH.", e.getMessage());
        }

        @Test
        void because_the_os_refuses_it_is_reported_without_secrets() throws IOException {
            Path noInterpreter = Files.writeString(dir.resolve("broken.sh"), "#!/no/such/interpreter\n");
            Files.setPosixFilePermissions(noInterpreter, PosixFilePermissions.fromString("rwx------"));

            ProgramNotRunnableException e = assertThrows(ProgramNotRunnableException.class,
                    () -> runner.run(argv(noInterpreter, Arg.secret("--password=", "pw-secret-9")),
                            RunOptions.of(GENEROUS, log(), null)));

            assertTrue(e.getMessage().startsWith("Cannot start " + noInterpreter), e.getMessage());
            assertFalse(e.getMessage().contains("pw-secret-9"));
        }

        @Test
        void ends_with_the_exit_code_the_caller_chose() {
            Path missing = dir.resolve("RegisterAgent");

            CbagentException e = assertThrows(CbagentException.class,
                    () -> runner.run(argv(missing), RunOptions.of(GENEROUS, log(), null), ExitCode.REGISTER_TOOL_FAILED));

            assertEquals(ExitCode.REGISTER_TOOL_FAILED, e.exitCode());
            assertEquals("The program " + missing + " does not exist.", e.getMessage());
        }
    }

    @Nested
    class A_program_that_leaves_a_background_process {
        @Test
        void still_returns_once_the_program_itself_ended() throws Exception {
            Path pidFile = dir.resolve("daemon.pid");
            Path script = Scripts.write(dir, "daemon.sh", """
                    sleep 60 &
                    echo $! > "$1"
                    echo started
                    exit 0
                    """);
            try {
                RunResult result = runner.run(argv(script, Arg.plain(pidFile.toString())),
                        RunOptions.of(Duration.ofSeconds(40), log(), null));

                assertEquals(0, result.exitCode());
                assertFalse(result.timedOut());
                assertTrue(result.duration().toSeconds() < 20, result.duration().toString());
                assertTrue(logText().contains("started"), logText());
            } finally {
                long daemon = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
