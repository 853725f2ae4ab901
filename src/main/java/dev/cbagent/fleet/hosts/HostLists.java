package dev.cbagent.fleet.hosts;

import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a host list in the format its name says (.txt, .csv, .yaml/.yml) or an Ansible inventory (.ini, a name
 * without an extension, or YAML with a top-level {@code all:}) and checks it as a whole.
 */
public final class HostLists {
    private final HostDefaults defaults;
    private final Map<String, String> environment;

    public HostLists(HostDefaults defaults, Map<String, String> environment) {
        this.defaults = defaults;
        this.environment = environment;
    }

    /** Every host of the list, in order; throws {@link HostListException} with all problems found. */
    public List<Host> read(Path file) {
        return readList(file).hosts();
    }

    /** The list with its inventory groups; throws {@link HostListException} with all problems found. */
    public HostList readList(Path file) {
        String name = file.toString();
        String text;
        try {
            text = InputFiles.readString(file);
        } catch (NoSuchFileException e) {
            throw new HostListException(List.of(new HostListProblem(name, 1, "no such file")));
        } catch (InputFiles.RefusedFileException e) {
            throw new HostListException(List.of(new HostListProblem(name, 1, e.getMessage())));
        } catch (IOException e) {
            throw new HostListException(List.of(new HostListProblem(name, 1, "cannot read: " + e.getMessage())));
        }
        return parseList(file, text);
    }

    public List<Host> parse(Path file, String text) {
        return parseList(file, text).hosts();
    }

    public HostList parseList(Path file, String text) {
        String name = file.toString();
        List<HostListProblem> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        String lower = name.toLowerCase(Locale.ROOT);
        List<RawHost> raws;
        if (lower.endsWith(".txt") || lower.endsWith(".list")) {
            raws = TextHostList.parse(name, lines, problems);
        } else if (lower.endsWith(".csv")) {
            raws = CsvHostList.parse(name, lines, problems);
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            raws = YamlInventory.looksLikeInventory(text) ? YamlInventory.parse(name, text, problems)
                    : YamlHostList.parse(name, text, problems);
        } else if (lower.endsWith(".ini")) {
            raws = IniInventory.parse(name, lines, problems);
        } else if (!file.getFileName().toString().contains(".")) {
            raws = YamlInventory.looksLikeInventory(text) ? YamlInventory.parse(name, text, problems)
                    : IniInventory.parse(name, lines, problems);
        } else {
            throw new HostListException(List.of(new HostListProblem(name, 1, "unknown host list format: name it "
                    + ".txt, .csv, .yaml or .yml, or .ini (or no extension) for an Ansible inventory")));
        }
        Path baseDir = file.toAbsolutePath().getParent();
        HostBuilder builder = new HostBuilder(name, baseDir, defaults, environment, problems);
        List<Host> hosts = new ArrayList<>();
        Map<String, java.util.Set<String>> groups = new java.util.LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        Map<String, Integer> hostnames = new HashMap<>();
        for (RawHost raw : raws) {
            builder.build(raw).ifPresent(host -> {
                Integer first = addresses.putIfAbsent(host.label().toLowerCase(Locale.ROOT), host.line());
                if (first != null) {
                    problems.add(new HostListProblem(name, host.line(), "duplicate host " + host.label()
                            + " (first at line " + first + ")"));
                    return;
                }
                if (host.hostname() != null) {
                    Integer same = hostnames.putIfAbsent(host.hostname().toLowerCase(Locale.ROOT), host.line());
                    if (same != null) {
                        problems.add(new HostListProblem(name, host.line(), "hostname " + host.hostname()
                                + " is already used at line " + same));
                        return;
                    }
                }
                hosts.add(host);
                raw.groups.forEach(g -> groups.computeIfAbsent(g, k -> new java.util.LinkedHashSet<>())
                        .add(host.label()));
                if (raw.name != null) {
                    names.put(host.label(), raw.name);
                }
            });
        }
        if (problems.isEmpty() && hosts.isEmpty()) {
            problems.add(new HostListProblem(name, 1, "the list has no hosts"));
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(HostListProblem::line));
            throw new HostListException(problems);
        }
        return new HostList(name, hosts, groups, names);
    }
}
