package dev.cbagent.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret value in a text with {@code ******}; used on logs, tool output and messages. */
public final class Redactor {
    public static final String MASK = "******";
    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        List<String> list = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                list.add(s);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        list.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(list);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    public Redactor plus(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }
}
