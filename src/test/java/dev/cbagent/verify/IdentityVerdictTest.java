package dev.cbagent.verify;

import dev.cbagent.api.MachineResource;
import dev.cbagent.platform.identity.AgentIdentity;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN "Idempotency" 2: what the server's record of this agent's InstanceID says, one row per rule. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityVerdictTest {
    static final AgentIdentity ME = new AgentIdentity("\"{5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F}\"", "AGENT-1");

    static MachineResource machine(String name, String agent, String deletedAt, boolean online, String type) {
        return new MachineResource("5c6a1e2b-0e7b-4a4e-9d61-3b0f1c2d4e5f", type, name, agent, "t", deletedAt, online);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("live, this name, this agent, online", machine("web-01", "agent-1", null, true,
                        "resource.machine"), IdentityVerdict.Kind.REGISTERED, ""),
                Arguments.of("offline is still registered", machine("WEB-01.example.ru", "AGENT-1", null, false,
                        "resource.machine"), IdentityVerdict.Kind.REGISTERED, "offline"),
                Arguments.of("unknown to the server", null, IdentityVerdict.Kind.STALE, "does not know"),
                Arguments.of("soft-deleted", machine("web-01", "AGENT-1", "2026-11-01T00:00:00Z", false,
                        "resource.machine"), IdentityVerdict.Kind.STALE, "deleted"),
                Arguments.of("not a machine", machine("web-01", null, null, false, "resource.group.computers"),
                        IdentityVerdict.Kind.STALE, "not a machine"),
                Arguments.of("another host's name: a clone", machine("web-07", "AGENT-1", null, true,
                        "resource.machine"), IdentityVerdict.Kind.CLONE, "web-07"),
                Arguments.of("a look-alike name is another host", machine("web-01-old", "AGENT-1", null, true,
                        "resource.machine"), IdentityVerdict.Kind.CLONE, "web-01-old"),
                Arguments.of("this name, another agent", machine("web-01", "AGENT-2", null, true, "resource.machine"),
                        IdentityVerdict.Kind.OTHER_AGENT, "AGENT-2"),
                Arguments.of("this name, no agent", machine("web-01", null, null, false, "resource.machine"),
                        IdentityVerdict.Kind.OTHER_AGENT, "without an agent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void judges(String rule, MachineResource answer, IdentityVerdict.Kind kind, String reasonPart) {
        IdentityVerdict verdict = IdentityVerdict.of(ME, "web-01", Optional.ofNullable(answer));
        assertEquals(kind, verdict.kind(), rule);
        assertTrue(verdict.reason().contains(reasonPart), verdict::reason);
    }

    @org.junit.jupiter.api.Test
    void a_name_from_the_server_is_printed_without_its_terminal_escapes() {
        MachineResource hostile = machine("evil\u001b]0;pwned\u0007", "AGENT-1", null, true, "resource.machine");
        IdentityVerdict verdict = IdentityVerdict.of(ME, "web-01", Optional.of(hostile));
        assertEquals(IdentityVerdict.Kind.CLONE, verdict.kind());
        assertTrue(verdict.reason().contains("evil?]0;pwned?") && !verdict.reason().contains("\u001b"), verdict::reason);
    }
}
