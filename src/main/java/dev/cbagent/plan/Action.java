package dev.cbagent.plan;

import java.util.Locale;

public enum Action {
    INSTALL, REGISTER, UNREGISTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
