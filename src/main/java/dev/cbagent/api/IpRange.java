package dev.cbagent.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IP address or a CIDR range of them, parsed from a literal only (a name is never looked up). */
record IpRange(byte[] network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** Empty when the text is not an IP literal (a host name). */
    static Optional<IpRange> parse(String text) {
        String address = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash > 0) {
            address = text.substring(0, slash);
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        if (IPV4.matcher(address).matches()) {
            String[] octets = address.split("\\.");
            bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
        } else {
            try {
                // with a colon in it the JDK parses a literal and never asks the name service
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        int bits = bytes.length * 8;
        if (prefix < 0) {
            prefix = bits;
        }
        if (prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new IpRange(bytes, prefix));
    }

    boolean contains(IpRange other) {
        if (other.network.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other.network).and(mask));
    }

    boolean isLoopback() {
        return network.length == 4 ? network[0] == 127 : new BigInteger(1, network).equals(BigInteger.ONE);
    }
}
