package dev.cbagent.doctor;

/** Small text helpers shared by the network checks. */
final class Hosts {
    private Hosts() {
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** 0 bytes, 512 bytes, 3.4 KiB, 250.0 MiB, 2.1 GiB. */
    static String bytes(long count) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (count < 1024) {
            return count + " bytes";
        }
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
