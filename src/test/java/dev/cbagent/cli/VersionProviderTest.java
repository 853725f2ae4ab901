package dev.cbagent.cli;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VersionProviderTest {
    @Test
    void shows_the_version_and_the_commit_it_was_built_from() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        build.setProperty("git.commit", "abc1234");
        build.setProperty("git.commit.time", "2025-01-02T03:04:05+00:00");
        build.setProperty("git.dirty", "false");
        assertEquals("cbagent 1.2.3 (commit abc1234, 2025-01-02T03:04:05+00:00)", VersionProvider.lines(build)[0]);
    }

    @Test
    void says_when_the_build_had_uncommitted_changes() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        build.setProperty("git.commit", "abc1234");
        build.setProperty("git.dirty", "true");
        assertEquals("cbagent 1.2.3 (commit abc1234, with uncommitted changes)", VersionProvider.lines(build)[0]);
    }

    @Test
    void says_commit_unknown_for_a_build_outside_a_git_checkout() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        assertEquals("cbagent 1.2.3 (commit unknown)", VersionProvider.lines(build)[0]);
    }

    @Test
    void the_real_build_information_is_on_the_class_path() {
        String first = new VersionProvider().getVersion()[0];
        assertTrue(first.matches("cbagent \\d+\\.\\d+\\.\\d+\\S* \\(.+\\)"), first);
    }
}
