package dev.cbagent.exec;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up sweep of options files that killed runs left behind. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OptionsFileSweepTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "cbagent-options-123-456.txt, 123",
        "cbagent-options-1-0.txt, 1",
        "cbagent-options-123456789012345678-9.txt, 123456789012345678",
        "cbagent-options-1234567890123456789-9.txt, -1",
        "cbagent-options--456.txt, -1",
        "cbagent-options-123-.txt, -1",
        "cbagent-options-123.txt, -1",
        "cbagent-options-12a-456.txt, -1",
        "cbagent-options-123-45x.txt, -1",
        "cbagent-options-123-456.txt.bak, -1",
        "other-options-123-456.txt, -1",
    })
    void only_names_of_our_files_give_a_process_id(String name, long pid) {
        assertEquals(pid, OptionsFile.pidOf(name));
    }

    @Test
    void removes_the_files_of_runs_that_are_gone_and_keeps_live_ones_and_strangers() throws Exception {
        long gone = exitedProcess();
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Path stale = Files.writeString(dir.resolve(OptionsFile.PREFIX + gone + "-77.txt"), "--token=x\n");
            Path mine = Files.writeString(dir.resolve(OptionsFile.PREFIX + ProcessHandle.current().pid() + "-1.txt"), "x");
            Path running = Files.writeString(dir.resolve(OptionsFile.PREFIX + live.pid() + "-2.txt"), "x");
            Path stranger = Files.writeString(dir.resolve("cbagent-options-" + gone + "-3.txt.keep"), "x");
            Path folder = Files.createDirectory(dir.resolve(OptionsFile.PREFIX + gone + "-4.txt"));
            Path link = Files.createSymbolicLink(dir.resolve(OptionsFile.PREFIX + gone + "-5.txt"), stranger);

            assertEquals(1, OptionsFile.sweepStale(dir));

            assertFalse(Files.exists(stale));
            for (Path kept : List.of(mine, running, stranger, folder, link)) {
                assertTrue(Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS), kept::toString);
            }
        } finally {
            live.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_folder_that_does_not_exist_holds_nothing_to_remove() {
        assertEquals(0, OptionsFile.sweepStale(dir.resolve("missing")));
    }

    private static long exitedProcess() throws IOException, InterruptedException {
        Process done = new ProcessBuilder("true").start();
        assertTrue(done.waitFor(10, TimeUnit.SECONDS));
        return done.pid();
    }
}
