package dev.cbagent.profile;

import dev.cbagent.error.Redactor;
import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code ${env:NAME}} and {@code ${file:PATH}} references; problems are reported, never the value. */
public final class SecretResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z]+):(.*)}");
    /** A reference inside a longer value, e.g. {@code -u admin -p ${env:AD_PWD}} (registration.scriptParams). */
    private static final Pattern EMBEDDED = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    /** Any sign of a reference, well formed or not: what a field that takes no secret must not hold. */
    private static final Pattern ANY_REFERENCE = Pattern.compile("\\$\\{\\s*(env|file)\\s*:", Pattern.CASE_INSENSITIVE);
    /** {@code ${NAME}}: a shell variable, which cbagent does not expand. */
    private static final Pattern SHELL_BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** {@code $NAME} as the whole value. */
    private static final Pattern SHELL_BARE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    /** {@code ${env:NAME}} without its closing brace: as the whole value, and inside a longer text. */
    private static final Pattern UNCLOSED = Pattern.compile("\\$\\{(env|file):([^}]*)$");
    private static final Pattern UNCLOSED_INSIDE = Pattern.compile("\\$\\{(env|file):([^}\\s]*)(?=\\s|$)");
    /** A secret is a line; a larger file is a wrong path. */
    static final long MAX_SECRET_FILE = 64 * 1024;
    private final Map<String, String> environment;
    private final Path baseDir;
    private final boolean readsReferences;

    public SecretResolver(Map<String, String> environment, Path baseDir) {
        this(environment, baseDir, true);
    }

    private SecretResolver(Map<String, String> environment, Path baseDir, boolean readsReferences) {
        this.environment = environment;
        this.baseDir = baseDir;
        this.readsReferences = readsReferences;
    }

    /**
     * A resolver that checks how references are written but reads no variable and no file ({@code validate
     * --no-secrets}, for CI without the secrets): each well-formed reference stands for {@link Redactor#MASK}.
     */
    public static SecretResolver withoutReading(Path baseDir) {
        return new SecretResolver(Map.of(), baseDir, false);
    }

    /** The same resolver for a value written in {@code file}: its relative {@code ${file:}} paths start there. */
    public SecretResolver besideFile(String file) {
        Path dir = Path.of(file).toAbsolutePath().getParent();
        return new SecretResolver(environment, dir == null ? baseDir : dir, readsReferences);
    }

    /**
     * The outcome: either a value (with how it was referenced) or a problem to report. {@code parts} are the values
     * of the references inside a longer text (empty for a whole-value reference or a literal).
     */
    public record Resolution(String value, String reference, String problem, boolean literal, List<String> parts) {
        Resolution(String value, String reference, String problem, boolean literal) {
            this(value, reference, problem, literal, List.of());
        }
    }

    public static boolean isReference(String text) {
        return REFERENCE.matcher(text.trim()).matches();
    }

    /** True when the text holds something that looks like a {@code ${env:}} or {@code ${file:}} reference. */
    public static boolean mentionsReference(String text) {
        return ANY_REFERENCE.matcher(text).find();
    }

    /**
     * A value that was meant as a reference but is not one ({@code ${NAME}}, {@code $NAME}, {@code ${env:NAME}):
     * the message with the reference it should be; empty when the text is no such mistake.
     */
    public static Optional<String> misspelledReference(String text, boolean wholeValue) {
        String t = text.trim();
        Matcher m = SHELL_BRACED.matcher(t);
        if (wholeValue ? m.matches() : m.find()) {
            return Optional.of("'${" + m.group(1) + "}' is a shell variable, which cbagent does not expand"
                    + didYouMean("env", m.group(1)));
        }
        if (wholeValue) {
            m = SHELL_BARE.matcher(t);
            if (m.matches()) {
                return Optional.of("'$" + m.group(1) + "' is a shell variable, which cbagent does not expand"
                        + didYouMean("env", m.group(1)));
            }
        }
        m = (wholeValue ? UNCLOSED : UNCLOSED_INSIDE).matcher(t);
        if (m.find()) {
            return Optional.of("a reference without its closing brace" + didYouMean(m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    private static String didYouMean(String scheme, String target) {
        return " (did you mean `${" + scheme + ":" + target + "}`?)";
    }

    public Resolution resolve(String text) {
        Optional<String> mistake = misspelledReference(text, true);
        if (mistake.isPresent()) {
            return problem("literal", mistake.get());
        }
        Matcher m = REFERENCE.matcher(text.trim());
        if (!m.matches()) {
            return EMBEDDED.matcher(text).find() ? resolveEmbedded(text) : new Resolution(text, "literal", null, true);
        }
        String scheme = m.group(1);
        String target = m.group(2);
        String reference = "${" + scheme + ":" + target + "}";
        if (!readsReferences && (scheme.equals("env") || scheme.equals("file"))) {
            return new Resolution(Redactor.MASK, reference, null, false);
        }
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
                if (!Files.exists(path)) {
                    return problem(reference, "secret file " + target + " does not exist");
                }
                try {
                    String value = InputFiles.readString(path, MAX_SECRET_FILE);
                    if (value.endsWith("\r\n")) {
                        value = value.substring(0, value.length() - 2);
                    } else if (value.endsWith("\n")) {
                        value = value.substring(0, value.length() - 1);
                    }
                    if (value.isEmpty()) {
                        return problem(reference, "secret file " + target + " is empty");
                    }
                    return new Resolution(value, reference, null, false);
                } catch (InputFiles.RefusedFileException e) {
                    return problem(reference, "secret file " + target + " " + e.getMessage());
                } catch (IOException e) {
                    return problem(reference, "secret file " + target + " cannot be read");
                }
            }
            default -> {
                return problem(reference, "unknown reference '${" + scheme + ":...}' (use ${env:NAME} or ${file:PATH})");
            }
        }
    }

    /**
     * A text shown as written whose references inside are secrets ({@code registration.scriptParams}): each
     * reference replaced by its value, the values listed in {@code parts}; a text without references has none.
     */
    public Resolution resolveText(String text) {
        Optional<String> mistake = misspelledReference(text, false);
        if (mistake.isPresent()) {
            return problem(text, mistake.get());
        }
        return EMBEDDED.matcher(text).find() ? resolveEmbedded(text) : new Resolution(text, text, null, false);
    }

    /** The text as written with the n-th reference inside replaced by the n-th of {@code values}. */
    public static String replaceReferences(String text, List<String> values) {
        Matcher m = EMBEDDED.matcher(text);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(i < values.size() ? values.get(i) : m.group()));
            i++;
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text as written with each reference inside replaced by {@link Redactor#MASK}. */
    public static String maskReferences(String text) {
        return EMBEDDED.matcher(text).replaceAll(Matcher.quoteReplacement(Redactor.MASK));
    }

    /** Each embedded reference replaced by its value; the text around them is kept as written. */
    private Resolution resolveEmbedded(String text) {
        Matcher m = EMBEDDED.matcher(text);
        StringBuilder value = new StringBuilder();
        List<String> parts = new ArrayList<>();
        while (m.find()) {
            Resolution part = resolve(m.group());
            if (part.problem() != null) {
                return problem(text, part.problem());
            }
            parts.add(part.value());
            m.appendReplacement(value, Matcher.quoteReplacement(part.value()));
        }
        m.appendTail(value);
        return new Resolution(value.toString(), text, null, false, parts);
    }

    private static Resolution problem(String reference, String problem) {
        return new Resolution(null, reference, problem, false);
    }
}
