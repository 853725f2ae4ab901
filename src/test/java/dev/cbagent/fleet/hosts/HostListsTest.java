package dev.cbagent.fleet.hosts;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostListsTest {
    @TempDir
    Path dir;

    private final HostDefaults defaults = new HostDefaults("deploy", 22, Path.of("/home/deploy"));

    private List<Host> parse(String name, String text) {
        return new HostLists(defaults, Map.of("SSH_PWD", "s3cret-pw")).parse(dir.resolve(name), text);
    }

    /** The first problem of a bad list, as printed, with the file named as in the list's folder. */
    private String problem(String name, String text) {
        HostListException e = assertThrows(HostListException.class, () -> parse(name, text));
        return e.problems().get(0).format().replace(dir + "/", "");
    }

    @Nested
    class Plain_text {
        @Test
        void reads_user_host_and_port_skipping_comments_and_blank_lines() {
            List<Host> hosts = parse("hosts.txt", "# web\n\nweb-01\nadmin@10.0.0.12:2222  # db\n[::1]:2200\nfe80::1\n");
            assertEquals(4, hosts.size());
            assertEquals(new Host("web-01", 22, "deploy", null, null, null, false, null, null, Map.of(), 3), hosts.get(0));
            Host db = hosts.get(1);
            assertEquals("admin", db.user());
            assertEquals(2222, db.port());
            assertEquals("10.0.0.12:2222", db.label());
            assertEquals(4, db.line());
            assertEquals("::1", hosts.get(2).address());
            assertEquals("[::1]:2200", hosts.get(2).label());
            assertEquals("fe80::1", hosts.get(3).address());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "a bad port                  | web\\n10.0.0.1:0           | hosts.txt:2: error: port must be a number 1-65535, got '0'",
                "a port that is not a number | 10.0.0.1:ssh           | hosts.txt:1: error: port must be a number 1-65535, got 'ssh'",
                "two words on a line         | # a\\n# b\\n10.0.0.1 10.0.0.2 | hosts.txt:3: error: expected [user@]host[:port], got '10.0.0.1 10.0.0.2'",
                "a missing user name         | @10.0.0.1              | hosts.txt:1: error: expected [user@]host[:port], got '@10.0.0.1'",
                "a duplicate host            | a\\nb\\nA                | hosts.txt:3: error: duplicate host A (first at line 1)",
                "a bad address               | web_01$                | hosts.txt:1: error: 'web_01$' is not a host name or IP address",
                "an empty list               | # nothing\\n           | hosts.txt:1: error: the list has no hosts",
        })
        void refuses(String what, String text, String expected) {
            assertEquals(expected, problem("hosts.txt", text.replace("\\n", "\n").strip() + "\n"));
        }
    }

    @Nested
    class Csv {
        @Test
        void reads_any_subset_of_columns_in_any_order() {
            List<Host> hosts = parse("hosts.csv", "hostname,address,port\nweb-01,10.0.0.11,\n\"db-01\",10.0.0.12,2222\n");
            assertEquals(2, hosts.size());
            assertEquals("web-01", hosts.get(0).hostname());
            assertEquals(22, hosts.get(0).port());
            assertEquals(2222, hosts.get(1).port());
            assertEquals(3, hosts.get(1).line());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "an unknown column with a hint | adress,port\\n10.0.0.1,22     | hosts.csv:1: error: unknown column 'adress' (did you mean 'address'?); columns are address,port,user,hostname,platform,profile",
                "no address column             | hostname\\nweb              | hosts.csv:1: error: the header has no 'address' column",
                "a short row                   | address,port\\n\\n10.0.0.1  | hosts.csv:3: error: expected 2 fields (address,port), got 1",
                "a bad port                    | address,port\\n10.0.0.1,70000 | hosts.csv:2: error: port must be a number 1-65535, got '70000'",
                "a duplicate hostname          | address,hostname\\na,web\\nb,WEB | hosts.csv:3: error: hostname WEB is already used at line 2",
                "an unknown platform           | address,platform\\na,linx   | hosts.csv:2: error: platform 'linx' is not one of linux, windows, virtual-appliance (did you mean 'linux'?)",
        })
        void refuses(String what, String text, String expected) {
            assertEquals(expected, problem("hosts.csv", text.replace("\\n", "\n") + "\n"));
        }
    }

    @Nested
    class Yaml {
        @Test
        void applies_defaults_and_resolves_paths_against_the_list() throws IOException {
            Files.writeString(dir.resolve("linux-db.yaml"), "x");
            Files.writeString(dir.resolve("key"), "x");
            List<Host> hosts = parse("hosts.yaml", String.join("\n",
                    "defaults: {user: root, port: 2200, sudo: true, identityFile: key, env: {A: '1'}}",
                    "hosts:",
                    "  - {address: 10.0.0.11, hostname: web-01}",
                    "  - address: 10.0.0.12",
                    "    port: 2222",
                    "    profile: linux-db.yaml",
                    "    password: ${env:SSH_PWD}",
                    "    env: {B: two}",
                    "  - admin@10.0.0.13", ""));
            assertEquals(3, hosts.size());
            Host web = hosts.get(0);
            assertEquals("root", web.user());
            assertEquals(2200, web.port());
            assertTrue(web.sudo());
            assertEquals(dir.resolve("key"), web.identityFile());
            assertEquals(Map.of("A", "1"), web.env());
            assertEquals(3, web.line());
            Host db = hosts.get(1);
            assertEquals(dir.resolve("linux-db.yaml"), db.profile());
            assertEquals("s3cret-pw", db.password().reveal());
            assertEquals(Map.of("A", "1", "B", "two"), db.env());
            assertNull(db.hostname());
            assertEquals("admin", hosts.get(2).user());
            assertEquals(2200, hosts.get(2).port());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "an unknown key with a hint | hosts:\\n  - {address: a, hostnme: web} | hosts.yaml:2: error: unknown key 'hostnme' (did you mean 'hostname'?)",
                "an address in defaults     | defaults: {address: a}\\nhosts: [b]     | hosts.yaml:1: error: unknown key 'address' (not allowed in defaults)",
                "an unknown top-level key   | host:\\n  - a                          | hosts.yaml:1: error: unknown key 'host' (did you mean 'hosts'?)",
                "a literal password         | hosts:\\n  - address: a\\n    password: hunter2 | hosts.yaml:3: error: password must be a reference (${env:NAME} or ${file:PATH}), never the password itself",
                "a missing variable         | hosts:\\n  - {address: a, password: '${env:NOPE}'} | hosts.yaml:2: error: password ${env:NOPE}: environment variable NOPE is not set",
                "a bad port                 | hosts:\\n  - a\\n  - {address: b, port: 65536} | hosts.yaml:3: error: port must be a number 1-65535, got '65536'",
                "a missing profile file     | hosts:\\n  - {address: a, profile: nope.yaml} | hosts.yaml:2: error: profile: no such file: nope.yaml",
                "a bad sudo value           | hosts:\\n  - {address: a, sudo: maybe} | hosts.yaml:2: error: sudo must be true or false, got 'maybe'",
                "a YAML syntax error        | hosts:\\n  - {address: a\\n             | hosts.yaml:4: error: while parsing a flow mapping, expected ',' or '}', but got <stream end>",
                "no hosts list              | defaults: {user: root}                  | hosts.yaml:1: error: no 'hosts:' list",
        })
        void refuses(String what, String text, String expected) {
            assertEquals(expected, problem("hosts.yaml", text.replace("\\n", "\n") + "\n"));
        }
    }

    @Test
    void an_unknown_extension_is_refused() {
        assertEquals("hosts.json:1: error: unknown host list format: name it .txt, .csv, .yaml or .yml, or .ini "
                        + "(or no extension) for an Ansible inventory",
                problem("hosts.json", "[]"));
    }

    @Test
    void every_problem_is_reported_at_once_in_line_order() {
        HostListException e = assertThrows(HostListException.class, () -> parse("hosts.txt", "a:0\nb\nc:x\n"));
        assertEquals(List.of(1, 3), e.problems().stream().map(HostListProblem::line).toList());
    }
}
