package dev.cbagent.cli;

import dev.cbagent.platform.Platform;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code plan} of every example profile, as text and as JSON, for every action it supports, compared with
 * {@code src/test/resources/golden/plan/}. Regenerate after a reviewed change with
 * {@code mvn -q -o -Dtest=PlanGoldenTest -Dgolden.update=true test}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlanGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/plan");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** A Linux machine called web-01, so the default verify hostname is the same everywhere. */
    private record Web01(String currentOs) implements Platform {
        @Override
        public String hostname() {
            return "web-01";
        }

        @Override
        public boolean isPrivileged() {
            return false;
        }
    }

    static Stream<String> cases() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("profiles"))) {
            for (String name : files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList()) {
                List<String> actions = name.startsWith("virtual-appliance")
                        ? List.of("register", "unregister") : List.of("install", "register", "unregister");
                for (String action : actions) {
                    out.add(name + " " + action + " text");
                    out.add(name + " " + action + " json");
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_plan_of_an_example_profile_is_its_golden_file(String testCase) throws IOException {
        String[] parts = testCase.split(" ");
        String profile = "profiles/" + parts[0];
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(ProfileFixture.ENV, new Web01("linux"));
        int exit = Cli.create(new PrintWriter(out), new PrintWriter(err), context)
                .execute("plan", profile, "--action", parts[1], "--output", parts[2]);
        String actual = "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        Path golden = GOLDEN.resolve(parts[0].replace(".yaml", "") + "." + parts[1] + "." + parts[2] + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertEquals(Files.exists(golden) ? Files.readString(golden) : "(no golden file " + golden + ")", actual);
    }
}
