package io.issuehooks.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a single host.
 * Parsing never touches DNS: only literal addresses are accepted.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network: expected an address or CIDR such as 10.0.0.0/8");
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String addressPart = slash < 0 ? value : value.substring(0, slash);
        byte[] address = parseAddress(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("'" + value + "' is not a network: '" + addressPart
                    + "' is not a plain IPv4 (dotted quad) or IPv6 address");
        }
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixPart = value.substring(slash + 1);
            if (!prefixPart.matches("\\d{1,3}") || Integer.parseInt(prefixPart) > maxPrefix
                    || (prefixPart.length() > 1 && prefixPart.charAt(0) == '0')) {
                throw new IllegalArgumentException("'" + value + "' has an invalid prefix length '" + prefixPart
                        + "': expected 0 to " + maxPrefix);
            }
            prefix = Integer.parseInt(prefixPart);
        }
        Cidr cidr = new Cidr(mask(address, prefix), prefix);
        if (!Arrays.equals(cidr.network, address)) {
            // Almost always a typo (10.1.0.0/8 for 10.1.0.0/16); silently widening or narrowing would be worse.
            throw new IllegalArgumentException("'" + value + "' has address bits set beyond the /" + prefix
                    + " prefix; did you mean " + cidr + "?");
        }
        return cidr;
    }

    public boolean contains(InetAddress address) {
        return address != null && contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        byte[] candidate = address;
        if (candidate.length != network.length) {
            // The JDK hands out ::ffff:a.b.c.d either as Inet4Address or Inet6Address, so both forms must match.
            candidate = candidate.length == 16 ? ipv4MappedPart(candidate) : ipv4Mapped(candidate);
            if (candidate == null) {
                return false;
            }
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int byteMask = 0xff << (8 - remainingBits) & 0xff;
        return (candidate[fullBytes] & byteMask) == (network[fullBytes] & byteMask);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    boolean isSingleHost() {
        return prefixLength == network.length * 8;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    // ---- literal address helpers shared with DestinationPolicy ----

    /** A strict IPv4 dotted quad or an IPv6 address without zone ID, as 4 or 16 bytes; null if neither. */
    static byte[] parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseDottedQuad(text);
    }

    static byte[] parseDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] result = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            // Leading zeros mean octal to inet_aton and browsers but decimal to the JDK: refuse the ambiguity.
            if (!part.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(part) > 255) {
                return null;
            }
            result[i] = (byte) Integer.parseInt(part);
        }
        return result;
    }

    static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = ipv6Groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        List<Integer> tail = gap >= 0 ? ipv6Groups(text.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int groups = head.size() + tail.size();
        if (gap >= 0 ? groups > 7 : groups != 8) {
            return null;
        }
        byte[] result = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(result, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(result, 8 - tail.size() + i, tail.get(i));
        }
        return result;
    }

    private static List<Integer> ipv6Groups(String text, boolean mayEndWithIpv4) {
        List<Integer> groups = new ArrayList<>(8);
        if (text.isEmpty()) {
            return groups;
        }
        String[] tokens = text.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (i == tokens.length - 1 && mayEndWithIpv4 && token.indexOf('.') >= 0) {
                byte[] ipv4 = parseDottedQuad(token);
                if (ipv4 == null) {
                    return null;
                }
                groups.add((ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff);
                groups.add((ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff);
            } else if (token.matches("[0-9a-fA-F]{1,4}")) {
                groups.add(Integer.parseInt(token, 16));
            } else {
                return null;
            }
        }
        return groups;
    }

    private static void putGroup(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, or null. */
    static byte[] ipv4MappedPart(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return null;
            }
        }
        if (ipv6[10] != (byte) 0xff || ipv6[11] != (byte) 0xff) {
            return null;
        }
        return Arrays.copyOfRange(ipv6, 12, 16);
    }

    private static byte[] ipv4Mapped(byte[] ipv4) {
        byte[] result = new byte[16];
        result[10] = (byte) 0xff;
        result[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, result, 12, 4);
        return result;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int bit = prefix; bit < result.length * 8; bit++) {
            result[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return result;
    }

    /** Dotted quad, or RFC 5952 compressed IPv6 (with the mapped form written as ::ffff:a.b.c.d). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        byte[] mapped = ipv4MappedPart(address);
        if (mapped != null) {
            return "::ffff:" + format(mapped);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
