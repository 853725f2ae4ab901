package dev.cbagent.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code ${env:NAME}} and {@code ${file:PATH}} references; problems are reported, never the value. */
public final class SecretResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z]+):(.*)}");
    /** A reference inside a longer value, e.g. {@code -u admin -p ${env:AD_PWD}} (registration.scriptParams). */
    private static final Pattern EMBEDDED = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    private final Map<String, String> environment;
    private final Path baseDir;

    public SecretResolver(Map<String, String> environment, Path baseDir) {
        this.environment = environment;
        this.baseDir = baseDir;
    }

    /** The outcome: either a value (with how it was referenced) or a problem to report. */
    public record Resolution(String value, String reference, String problem, boolean literal) {
    }

    public static boolean isReference(String text) {
        return REFERENCE.matcher(text.trim()).matches();
    }

    public Resolution resolve(String text) {
        Matcher m = REFERENCE.matcher(text.trim());
        if (!m.matches()) {
            return EMBEDDED.matcher(text).find() ? resolveEmbedded(text) : new Resolution(text, "literal", null, true);
        }
        String scheme = m.group(1);
        String target = m.group(2);
        String reference = "${" + scheme + ":" + target + "}";
        switch (scheme) {
            case "env" -> {
                String value = environment.get(target);
                if (value == null) {
                    return problem(reference, "environment variable " + target + " is not set");
                }
                if (value.isEmpty()) {
                    return problem(reference, "environment variable " + target + " is empty");
                }
                return new Resolution(value, reference, null, false);
            }
            case "file" -> {
                Path path = Path.of(target);
                if (!path.isAbsolute() && baseDir != null) {
                    path = baseDir.resolve(path);
                }
                if (!Files.isRegularFile(path)) {
                    return problem(reference, "secret file " + target + " does not exist");
                }
                try {
                    String value = Files.readString(path, StandardCharsets.UTF_8);
                    if (value.endsWith("\r\n")) {
                        value = value.substring(0, value.length() - 2);
                    } else if (value.endsWith("\n")) {
                        value = value.substring(0, value.length() - 1);
                    }
                    if (value.isEmpty()) {
                        return problem(reference, "secret file " + target + " is empty");
                    }
                    return new Resolution(value, reference, null, false);
                } catch (IOException e) {
                    return problem(reference, "secret file " + target + " cannot be read");
                }
            }
            default -> {
                return problem(reference, "unknown reference '${" + scheme + ":...}' (use ${env:NAME} or ${file:PATH})");
            }
        }
    }

    /** Each embedded reference replaced by its value; the text around them is kept as written. */
    private Resolution resolveEmbedded(String text) {
        Matcher m = EMBEDDED.matcher(text);
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            Resolution part = resolve(m.group());
            if (part.problem() != null) {
                return problem(text, part.problem());
            }
            m.appendReplacement(value, Matcher.quoteReplacement(part.value()));
        }
        m.appendTail(value);
        return new Resolution(value.toString(), text, null, false);
    }

    private static Resolution problem(String reference, String problem) {
        return new Resolution(null, reference, problem, false);
    }
}
