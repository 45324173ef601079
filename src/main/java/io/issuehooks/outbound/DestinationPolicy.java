package io.issuehooks.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which addresses webhook deliveries may connect to (SSRF protection). Non-public ranges are refused
 * unless an operator lists them in {@code ISSUEHOOKS_ALLOWED_NETWORKS}; the IPv6 forms that carry an IPv4
 * address are judged by that IPv4 address. Never performs a DNS lookup.
 */
public final class DestinationPolicy {

    private enum Kind {
        LOOPBACK("a loopback address"),
        PRIVATE("a private address"),
        LINK_LOCAL("a link-local address"),
        SHARED("a carrier-grade NAT (shared) address"),
        MULTICAST("a multicast address"),
        UNSPECIFIED("an unspecified address"),
        BROADCAST("a broadcast address"),
        RESERVED("a reserved address"),
        METADATA("a cloud metadata address");

        final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }
    }

    private record Range(Cidr cidr, Kind kind) {
    }

    // First match wins, so the metadata hosts come before the ranges that contain them.
    private static final List<Range> IPV4 = ranges(
            "169.254.169.254", Kind.METADATA, // AWS, GCP, Azure, OCI, OpenStack, DigitalOcean
            "169.254.170.2", Kind.METADATA, // AWS ECS task metadata
            "169.254.170.23", Kind.METADATA, // AWS EKS Pod Identity
            "100.100.100.200", Kind.METADATA, // Alibaba Cloud
            "168.63.129.16", Kind.METADATA, // Azure WireServer, a public-looking address
            "192.0.0.192", Kind.METADATA, // Oracle Cloud (legacy)
            "0.0.0.0/8", Kind.UNSPECIFIED,
            "10.0.0.0/8", Kind.PRIVATE,
            "100.64.0.0/10", Kind.SHARED,
            "127.0.0.0/8", Kind.LOOPBACK,
            "169.254.0.0/16", Kind.LINK_LOCAL,
            "172.16.0.0/12", Kind.PRIVATE,
            "192.0.0.0/24", Kind.RESERVED, // IETF protocol assignments
            "192.0.2.0/24", Kind.RESERVED, // documentation
            "192.88.99.0/24", Kind.RESERVED, // 6to4 relay anycast
            "192.168.0.0/16", Kind.PRIVATE,
            "198.18.0.0/15", Kind.RESERVED, // benchmarking, often used as internal space
            "198.51.100.0/24", Kind.RESERVED, // documentation
            "203.0.113.0/24", Kind.RESERVED, // documentation
            "224.0.0.0/4", Kind.MULTICAST,
            "255.255.255.255", Kind.BROADCAST,
            "240.0.0.0/4", Kind.RESERVED);

    private static final List<Range> IPV6 = ranges(
            "fd00:ec2::254", Kind.METADATA, // AWS IMDS
            "fd00:ec2::23", Kind.METADATA, // AWS EKS Pod Identity
            "fd20:ce::254", Kind.METADATA, // GCP
            "::", Kind.UNSPECIFIED,
            "::1", Kind.LOOPBACK,
            "fc00::/7", Kind.PRIVATE,
            "fec0::/10", Kind.PRIVATE, // deprecated site-local, still routed inside some networks
            "fe80::/10", Kind.LINK_LOCAL,
            "ff00::/8", Kind.MULTICAST,
            "2001::/23", Kind.RESERVED, // IETF protocol assignments, including Teredo 2001::/32
            "2001:db8::/32", Kind.RESERVED, // documentation
            "3fff::/20", Kind.RESERVED); // documentation

    /** Everything outside global unicast is unassigned or special (100::/64, 64:ff9b:1::/48, ...). */
    private static final Cidr IPV6_GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");

    private final List<Cidr> allowed;

    public DestinationPolicy(List<Cidr> allowedNetworks) {
        this.allowed = List.copyOf(allowedNetworks);
    }

    /** Only public addresses. */
    public static DestinationPolicy publicOnly() {
        return new DestinationPolicy(List.of());
    }

    /** From the comma-separated {@code ISSUEHOOKS_ALLOWED_NETWORKS} value; null or blank allows nothing extra. */
    public static DestinationPolicy fromSetting(String allowedNetworks) {
        List<Cidr> networks = new ArrayList<>();
        if (allowedNetworks != null) {
            for (String entry : allowedNetworks.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    networks.add(Cidr.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid allowed network: " + e.getMessage(), e);
                }
            }
        }
        return new DestinationPolicy(networks);
    }

    public List<Cidr> allowedNetworks() {
        return allowed;
    }

    /** Why a delivery must not connect to {@code address}, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        return refusal(address.getAddress());
    }

    Optional<String> refusal(byte[] address) {
        Embedded embedded = address.length == 16 ? Embedded.in(address) : null;
        byte[] judged = embedded != null ? embedded.ipv4 : address;
        Kind kind = classify(judged);
        if (kind == null || isAllowed(address, kind) || (embedded != null && isAllowed(judged, kind))) {
            return Optional.empty();
        }
        String subject = embedded == null ? Cidr.format(address)
                : Cidr.format(address) + " (" + embedded.form + " " + Cidr.format(judged) + ")";
        return Optional.of(subject + " is " + kind.phrase);
    }

    /**
     * For webhook creation: refuses a URL host that is an IP literal (or a name that is loopback by definition)
     * the policy refuses. Other names return empty; their addresses are checked when a delivery connects.
     * {@code host} is what {@code URI.getHost()} returns, brackets around IPv6 included; null is refused.
     */
    public Optional<String> refusalForLiteralHost(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no valid host");
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") || name.indexOf(':') >= 0) {
            return ipv6LiteralRefusal(host, name);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return isAllowed(new byte[] {127, 0, 0, 1}, Kind.LOOPBACK) ? Optional.empty()
                    : Optional.of(host + " is a loopback name");
        }
        String[] labels = name.split("\\.", -1);
        if (!LegacyIpv4.isNumber(labels[labels.length - 1])) {
            return Optional.empty();
        }
        // Browsers and inet_aton read a host ending in a number as IPv4 (2130706433, 0x7f.1, 0177.0.0.1, 127.1).
        byte[] canonical = Cidr.parseDottedQuad(name);
        if (canonical != null) {
            return refusal(canonical);
        }
        byte[] legacy = LegacyIpv4.parse(labels);
        if (legacy == null) {
            return Optional.of(host + " is not a valid IPv4 address");
        }
        String meaning = host + " is a non-standard form of the IPv4 address " + Cidr.format(legacy);
        return Optional.of(refusal(legacy).map(reason -> meaning + ", and " + reason)
                .orElse(meaning + "; write it as a dotted quad"));
    }

    private Optional<String> ipv6LiteralRefusal(String host, String name) {
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (literal.indexOf('%') >= 0) {
            return Optional.of(host + " has an IPv6 zone ID, which is not allowed");
        }
        byte[] address = Cidr.parseIpv6(literal);
        return address == null ? Optional.of(host + " is not a valid IPv6 address") : refusal(address);
    }

    private boolean isAllowed(byte[] address, Kind kind) {
        for (Cidr network : allowed) {
            // Allowing a whole range (say 100.64.0.0/10 for a VPN) must not open the metadata service inside it.
            if (network.contains(address) && (kind != Kind.METADATA || network.isSingleHost())) {
                return true;
            }
        }
        return false;
    }

    private static Kind classify(byte[] address) {
        for (Range range : address.length == 4 ? IPV4 : IPV6) {
            if (range.cidr.contains(address)) {
                return range.kind;
            }
        }
        if (address.length == 16 && !IPV6_GLOBAL_UNICAST.contains(address)) {
            return Kind.RESERVED;
        }
        return null;
    }

    /** An IPv6 address that carries an IPv4 address the traffic effectively goes to. */
    private record Embedded(String form, byte[] ipv4) {

        static Embedded in(byte[] ipv6) {
            byte[] mapped = Cidr.ipv4MappedPart(ipv6);
            if (mapped != null) {
                return new Embedded("IPv4-mapped", mapped);
            }
            if (NAT64.contains(ipv6)) {
                return new Embedded("NAT64 of", Arrays.copyOfRange(ipv6, 12, 16));
            }
            if (SIX_TO_FOUR.contains(ipv6)) {
                return new Embedded("6to4 of", Arrays.copyOfRange(ipv6, 2, 6));
            }
            // :: and ::1 are themselves, not IPv4-compatible forms of 0.0.0.0 and 0.0.0.1.
            if (IPV4_COMPATIBLE.contains(ipv6) && (ipv6[12] | ipv6[13] | ipv6[14]) != 0) {
                return new Embedded("IPv4-compatible", Arrays.copyOfRange(ipv6, 12, 16));
            }
            return null;
        }
    }

    private static List<Range> ranges(Object... pairs) {
        List<Range> result = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            result.add(new Range(Cidr.parse((String) pairs[i]), (Kind) pairs[i + 1]));
        }
        return List.copyOf(result);
    }

    /** The BSD inet_aton / WHATWG URL reading of numeric hosts: 1 to 4 parts, decimal, octal (0...) or hex (0x...). */
    private static final class LegacyIpv4 {

        static boolean isNumber(String label) {
            return label.matches("\\d+|0x[0-9a-f]*");
        }

        static byte[] parse(String[] labels) {
            if (labels.length > 4) {
                return null;
            }
            long value = 0;
            for (int i = 0; i < labels.length; i++) {
                long part = number(labels[i]);
                boolean last = i == labels.length - 1;
                long limit = last ? 1L << (8 * (5 - labels.length)) : 256;
                if (part < 0 || part >= limit) {
                    return null;
                }
                value = last ? value << (8 * (5 - labels.length)) | part : value << 8 | part;
            }
            return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        }

        private static long number(String label) {
            try {
                if (label.startsWith("0x")) {
                    return label.length() == 2 ? 0 : label.length() > 10 ? -1 : Long.parseLong(label.substring(2), 16);
                }
                if (label.length() > 1 && label.startsWith("0")) {
                    return label.matches("0[0-7]{1,11}") ? Long.parseLong(label.substring(1), 8) : -1;
                }
                return label.matches("\\d{1,10}") ? Long.parseLong(label) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
