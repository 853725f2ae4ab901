package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OptionsFileTest {
    @TempDir
    Path dir;

    @Test
    void holds_one_option_per_line_readable_by_its_owner_only() throws IOException {
        try (OptionsFile file = OptionsFile.write(dir, List.of("--token=abc def", "--password=пароль"))) {
            assertEquals(List.of("--token=abc def", "--password=пароль"),
                    Files.readAllLines(file.path(), StandardCharsets.UTF_8));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
            assertEquals(dir, file.path().getParent());
        }
    }

    @Test
    void is_deleted_on_close() {
        OptionsFile file = OptionsFile.write(dir, List.of("--token=x"));

        file.close();
        file.close();

        assertFalse(Files.exists(file.path()));
    }

    @Test
    void is_deleted_when_the_step_using_it_fails() {
        Path[] seen = new Path[1];

        assertThrows(IllegalStateException.class, () -> {
            try (OptionsFile file = OptionsFile.write(dir, List.of("--token=x"))) {
                seen[0] = file.path();
                throw new IllegalStateException("installer failed");
            }
        });

        assertFalse(Files.exists(seen[0]));
    }

    @Test
    void refuses_an_option_with_a_line_break_and_leaves_no_file() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> OptionsFile.write(dir, List.of("--token=a\n--debug")));

        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void goes_to_the_system_temporary_directory_by_default() {
        try (OptionsFile file = OptionsFile.write(List.of("--login=admin"))) {
            assertTrue(file.path().startsWith(Path.of(System.getProperty("java.io.tmpdir"))));
        }
    }
}
