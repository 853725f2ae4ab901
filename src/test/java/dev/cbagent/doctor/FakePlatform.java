package dev.cbagent.doctor;

import dev.cbagent.platform.Platform;

/** A Linux machine called web-01, root or not. */
record FakePlatform(boolean isPrivileged) implements Platform {
    @Override
    public String hostname() {
        return "web-01";
    }

    @Override
    public String currentOs() {
        return "linux";
    }
}
