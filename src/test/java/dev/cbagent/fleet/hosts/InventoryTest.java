package dev.cbagent.fleet.hosts;

import dev.cbagent.error.CbagentException;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ansible inventories (INI and YAML) as host lists, and {@code --limit} on them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InventoryTest {
    @TempDir
    Path dir;

    private final HostDefaults defaults = new HostDefaults("deploy", 22, Path.of("/home/deploy"));

    private HostList parse(String name, String text) {
        return new HostLists(defaults, Map.of()).parseList(dir.resolve(name), text);
    }

    private String problem(String name, String text) {
        HostListException e = assertThrows(HostListException.class, () -> parse(name, text));
        return e.problems().get(0).format().replace(dir + "/", "");
    }

    private static Host host(HostList list, String hostname) {
        return list.hosts().stream().filter(h -> hostname.equals(h.hostname())).findFirst().orElseThrow(() ->
                new AssertionError("no host " + hostname + " in " + list.hosts()));
    }

    /** A host as one line: address port user hostname sudo identityFile (the file's name). */
    private static String describe(Host h) {
        return h.address() + " " + h.port() + " " + h.user() + " " + h.hostname() + " " + h.sudo() + " "
                + (h.identityFile() == null ? "-" : h.identityFile().getFileName());
    }

    static final String INI = """
            # the fleet
            bastion ansible_host=10.0.0.5

            [web]
            web-01 ansible_host=10.0.0.11
            web-02 ansible_host=10.0.0.12 ansible_port=2222 ansible_user=admin
            web-[03:04].example.com

            [db]
            db-01 ansible_host=10.0.1.1 ansible_become=yes some_other_var="a b"
            web-01

            [web:vars]
            ansible_user=www
            ansible_port=2200

            [db:vars]
            ansible_user = dba
            ansible_ssh_private_key_file=keys/db_key

            [linux:children]
            web
            db

            [linux:vars]
            ansible_user=ops
            ansible_become=false

            [all:vars]
            ansible_user=root
            ansible_port=22
            """;

    @Nested
    class Ini {
        private HostList list() throws IOException {
            Files.createDirectories(dir.resolve("keys"));
            Files.writeString(dir.resolve("keys/db_key"), "key");
            return parse("hosts.ini", INI);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                // host          | address, port, user, hostname, sudo, key: why
                "bastion         | 10.0.0.5 22 root bastion false -",
                "web-01          | 10.0.0.11 2200 www web-01 false db_key",
                "web-02          | 10.0.0.12 2222 admin web-02 false -",
                "web-03.example.com | web-03.example.com 2200 www web-03.example.com false -",
                "web-04.example.com | web-04.example.com 2200 www web-04.example.com false -",
                "db-01           | 10.0.1.1 22 dba db-01 true db_key",
        })
        void variables_merge_all_then_parents_then_children_then_the_host(String name, String expected)
                throws IOException {
            assertEquals(expected, describe(host(list(), name)));
        }

        @Test
        void a_host_in_two_groups_is_one_host_and_groups_include_their_children() throws IOException {
            HostList list = list();
            assertEquals(6, list.hosts().size());
            assertEquals(List.of("bastion", "web-01", "web-02", "web-03.example.com", "web-04.example.com", "db-01"),
                    list.hosts().stream().map(Host::hostname).toList());
            assertEquals(Map.of("web", 4, "db", 2, "linux", 5, "all", 6, "ungrouped", 1),
                    list.groups().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().size())));
            assertEquals(2, list.hosts().get(0).line(), "bastion is named at line 2");
        }

        @Test
        void ansible_shell_type_powershell_or_cmd_makes_a_windows_host_unless_cbagent_platform_says_otherwise() {
            HostList list = parse("hosts", "[win]\nwin-01\nwin-02 ansible_shell_type=cmd\nwin-03 cbagent_platform=linux\n"
                    + "lnx-01 ansible_shell_type=sh\n[win:vars]\nansible_shell_type=powershell\nansible_connection=ssh\n");
            assertEquals("windows", host(list, "win-01").platform());
            assertEquals("windows", host(list, "win-02").platform());
            assertEquals("linux", host(list, "win-03").platform());
            assertNull(host(list, "lnx-01").platform());
        }

        @Test
        void an_ip_as_the_inventory_name_is_the_address_and_the_hostname_is_asked_over_ssh() {
            HostList list = parse("hosts", "[web]\n10.0.0.7:2022\n");
            Host h = list.hosts().get(0);
            assertEquals("10.0.0.7", h.address());
            assertEquals(2022, h.port());
            assertNull(h.hostname());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "a bad section suffix       | [web:hosts]\\nweb-01                  | hosts.ini:1: error: unknown section [web:hosts]: expected [web], [web:vars] or [web:children]",
                "a var line without =       | [web:vars]\\nansible_user           | hosts.ini:2: error: [web:vars]: expected key=value, got 'ansible_user'",
                "a word after a host        | [web]\\nweb-01 ansible_port 22  | hosts.ini:2: error: expected key=value after the host name, got 'ansible_port'",
                "a bad port                 | [web]\\nweb-01 ansible_port=x   | hosts.ini:2: error: port must be a number 1-65535, got 'x'",
                "a bad become               | [web]\\nweb-01 ansible_become=maybe | hosts.ini:2: error: ansible_become must be true or false, got 'maybe'",
                "a cycle of children        | [a:children]\\nb\\n[b:children]\\na | hosts.ini:1: error: group 'a' is its own child (a cycle in :children)",
                "an unbalanced quote        | [web]\\nweb-01 x=\"y        | hosts.ini:2: error: unbalanced quote",
                "a broken header            | [web\\nweb-01                    | hosts.ini:1: error: expected a section header like [group], [group:vars] or [group:children], got '[web'",
                "no hosts                   | [web]\\n[web:vars]\\na=b          | hosts.ini:1: error: the list has no hosts",
                "a missing key file         | [web]\\nweb-01 ansible_ssh_private_key_file=nope | hosts.ini:2: error: identityFile: no such file: nope",
        })
        void mistakes_are_reported_at_their_line(String why, String text, String expected) {
            assertEquals(expected, problem("hosts.ini", text.replace("\\n", "\n")));
        }
    }

    static final String YAML = """
            all:
              vars:
                ansible_user: root
              hosts:
                bastion:
                  ansible_host: 10.0.0.5
              children:
                linux:
                  vars:
                    ansible_user: ops
                  children:
                    web:
                      vars:
                        ansible_port: 2200
                      hosts:
                        web-01:
                          ansible_host: 10.0.0.11
                        web-02: {ansible_host: 10.0.0.12, ansible_port: 2222, ansible_user: admin}
                    db:
                      hosts:
                        db-01:
                          ansible_host: 10.0.1.1
                          ansible_become: true
                        web-01:
            """;

    @Nested
    class Yaml {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "bastion | 10.0.0.5 22 root bastion false -",
                "web-01  | 10.0.0.11 2200 ops web-01 false -",
                "web-02  | 10.0.0.12 2222 admin web-02 false -",
                "db-01   | 10.0.1.1 22 ops db-01 true -",
        })
        void a_top_level_all_is_an_inventory_with_the_same_precedence(String name, String expected) {
            for (String file : List.of("hosts.yaml", "inventory")) {
                assertEquals(expected, describe(host(parse(file, YAML), name)), file);
            }
        }

        @Test
        void groups_hold_their_children_hosts() {
            HostList list = parse("hosts.yml", YAML);
            assertEquals(java.util.Set.of("10.0.0.11:2200", "10.0.0.12:2222", "10.0.1.1"), list.groups().get("linux"));
            assertEquals(2, list.groups().get("db").size());
        }

        @Test
        void a_yaml_list_without_all_is_still_a_cbagent_host_list() {
            HostList list = parse("hosts.yaml", "hosts:\n  - {address: 10.0.0.1, hostname: a}\n");
            assertFalse(list.isInventory());
            assertEquals("a", list.hosts().get(0).hostname());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "an unknown group key | all:\\n  host:\\n    a:\\n       | hosts.yaml:2: error: group 'all': unknown key 'host' (did you mean 'hosts'?); a group has hosts:, vars: and children:",
                "hosts as a list      | all:\\n  hosts:\\n    - a\\n      | hosts.yaml:2: error: all.hosts: expected a mapping of host names (each to its variables, or nothing)",
                "a bad port           | all:\\n  hosts:\\n    a:\\n      ansible_port: 0 | hosts.yaml:4: error: port must be a number 1-65535, got '0'",
        })
        void mistakes_are_reported_at_their_line(String why, String text, String expected) {
            assertEquals(expected, problem("hosts.yaml", text.replace("\\n", "\n")));
        }
    }

    @Nested
    class Limit {
        private HostList list() throws IOException {
            Files.createDirectories(dir.resolve("keys"));
            Files.writeString(dir.resolve("keys/db_key"), "key");
            return parse("hosts.ini", INI);
        }

        @ParameterizedTest(name = "--limit {0}")
        @CsvSource(delimiter = '|', value = {
                "web                 | web-01 web-02 web-03.example.com web-04.example.com",
                "db                  | web-01 db-01",
                "linux               | web-01 web-02 web-03.example.com web-04.example.com db-01",
                "web-0*              | web-01 web-02 web-03.example.com web-04.example.com",
                "web-0?              | web-01 web-02",
                "db-01               | db-01",
                "10.0.0.1*           | web-01 web-02",
                "web:db              | web-01 web-02 web-03.example.com web-04.example.com db-01",
                "web,bastion         | bastion web-01 web-02 web-03.example.com web-04.example.com",
                "web:&db             | web-01",
                "linux:!web          | db-01",
                "!linux              | bastion",
                "all                 | bastion web-01 web-02 web-03.example.com web-04.example.com db-01",
                "~web-0[12]          | web-01 web-02",
                "ungrouped           | bastion",
                "l*                  | web-01 web-02 web-03.example.com web-04.example.com db-01",
        })
        void selects_groups_hosts_globs_and_their_combinations(String limit, String expected) throws IOException {
            assertEquals(expected, HostSelection.select(list(), limit).stream().map(Host::hostname)
                    .collect(Collectors.joining(" ")));
        }

        @ParameterizedTest(name = "--limit {0}")
        @CsvSource(delimiter = '|', value = {
                "webs       | --limit: 'webs' matches no group or host in HOSTS",
                "web:nope-* | --limit: 'nope-*' matches no group or host in HOSTS",
                "web:!web   | --limit 'web:!web' leaves no host of HOSTS",
                "~web-(     | --limit: '~web-(' is not a regular expression: Unclosed group",
        })
        void a_pattern_that_matches_nothing_is_one_line_and_exit_2(String limit, String expected) throws IOException {
            HostList list = list();
            CbagentException e = assertThrows(CbagentException.class, () -> HostSelection.select(list, limit));
            assertEquals(expected.replace("HOSTS", list.file()), e.getMessage());
            assertEquals(2, e.exitCode().code());
        }

        @Test
        void works_on_plain_lists_by_name_and_address() {
            HostList list = new HostLists(defaults, Map.of()).parseList(dir.resolve("hosts.yaml"),
                    "hosts:\n  - {address: 10.0.0.1, hostname: web-01}\n  - {address: 10.0.0.2, hostname: db-01}\n");
            assertEquals(List.of("web-01"), HostSelection.select(list, "web-*").stream().map(Host::hostname).toList());
            assertEquals(List.of("db-01"), HostSelection.select(list, "10.0.0.2").stream().map(Host::hostname).toList());
            CbagentException e = assertThrows(CbagentException.class, () -> HostSelection.select(list, "web"));
            assertTrue(e.getMessage().contains("'web' matches no host in"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "all:                             | true",
            "all:   # the fleet               | true",
            "all: {hosts: {web-01: }}         | true",
            "hosts:\\n  - web-01\\nall:       | true",
            "all:x                            | false",
            "all: hosts                       | false",
            "'  all:'                         | false",
            "hosts:\\n  - {address: all}    | false",
    })
    void a_yaml_file_is_an_inventory_when_a_line_is_a_top_level_all(String text, boolean inventory) {
        assertEquals(inventory, YamlInventory.looksLikeInventory(text.replace("\\n", "\n")));
    }
}
