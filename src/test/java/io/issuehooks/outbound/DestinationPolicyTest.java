package io.issuehooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {

    private final DestinationPolicy strict = DestinationPolicy.publicOnly();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // IPv4
            "8.8.8.8            | -",
            "1.1.1.1            | -",
            "93.184.216.34      | -",
            "127.0.0.1          | 127.0.0.1 is a loopback address",
            "127.0.0.2          | 127.0.0.2 is a loopback address",
            "127.255.255.254    | 127.255.255.254 is a loopback address",
            "10.0.0.5           | 10.0.0.5 is a private address",
            "172.16.0.1         | 172.16.0.1 is a private address",
            "172.31.255.255     | 172.31.255.255 is a private address",
            "172.32.0.1         | -",
            "172.15.255.255     | -",
            "192.168.1.1        | 192.168.1.1 is a private address",
            "169.254.1.1        | 169.254.1.1 is a link-local address",
            "100.64.0.1         | 100.64.0.1 is a carrier-grade NAT (shared) address",
            "100.127.255.255    | 100.127.255.255 is a carrier-grade NAT (shared) address",
            "100.128.0.1        | -",
            "224.0.0.1          | 224.0.0.1 is a multicast address",
            "239.255.255.250    | 239.255.255.250 is a multicast address",
            "0.0.0.0            | 0.0.0.0 is an unspecified address",
            "0.1.2.3            | 0.1.2.3 is an unspecified address",
            "255.255.255.255    | 255.255.255.255 is a broadcast address",
            "240.0.0.1          | 240.0.0.1 is a reserved address",
            "192.0.2.10         | 192.0.2.10 is a reserved address",
            "198.18.0.1         | 198.18.0.1 is a reserved address",
            "169.254.169.254    | 169.254.169.254 is a cloud metadata address",
            "169.254.170.2      | 169.254.170.2 is a cloud metadata address",
            "100.100.100.200    | 100.100.100.200 is a cloud metadata address",
            "168.63.129.16      | 168.63.129.16 is a cloud metadata address",
            // IPv6
            "2606:4700::1111    | -",
            "2a00:1450:4001::200e | -",
            "::1                | ::1 is a loopback address",
            "::                 | :: is an unspecified address",
            "fd12:3456::1       | fd12:3456::1 is a private address",
            "fc00::1            | fc00::1 is a private address",
            "fec0::1            | fec0::1 is a private address",
            "fe80::1            | fe80::1 is a link-local address",
            "ff02::1            | ff02::1 is a multicast address",
            "fd00:ec2::254      | fd00:ec2::254 is a cloud metadata address",
            "2001:db8::1        | 2001:db8::1 is a reserved address",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2 | 2001:0:4136:e378:8000:63bf:3fff:fdd2 is a reserved address",
            "100::1             | 100::1 is a reserved address",
            "64:ff9b:1::a00:1   | 64:ff9b:1::a00:1 is a reserved address",
            // IPv6 forms that carry an IPv4 address are judged by it
            "::ffff:127.0.0.1   | ::ffff:127.0.0.1 (IPv4-mapped 127.0.0.1) is a loopback address",
            "::ffff:10.1.2.3    | ::ffff:10.1.2.3 (IPv4-mapped 10.1.2.3) is a private address",
            "::ffff:169.254.169.254 | ::ffff:169.254.169.254 (IPv4-mapped 169.254.169.254) is a cloud metadata address",
            "::ffff:8.8.8.8     | -",
            "::127.0.0.1        | ::7f00:1 (IPv4-compatible 127.0.0.1) is a loopback address",
            "::10.0.0.1         | ::a00:1 (IPv4-compatible 10.0.0.1) is a private address",
            "::8.8.8.8          | -",
            "64:ff9b::127.0.0.1 | 64:ff9b::7f00:1 (NAT64 of 127.0.0.1) is a loopback address",
            "64:ff9b::a9fe:a9fe | 64:ff9b::a9fe:a9fe (NAT64 of 169.254.169.254) is a cloud metadata address",
            "64:ff9b::808:808   | -",
            "2002:7f00:1::      | 2002:7f00:1:: (6to4 of 127.0.0.1) is a loopback address",
            "2002:c0a8:101::1   | 2002:c0a8:101::1 (6to4 of 192.168.1.1) is a private address",
            "2002:808:808::1    | -",
    })
    void classifiesAddresses(String address, String expected) {
        assertThat(strict.refusal(address(address))).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void jdkNormalisedMappedAddressesAreJudgedToo() throws UnknownHostException {
        // The JDK parses ::ffff:a.b.c.d into an Inet4Address.
        assertThat(strict.refusal(InetAddress.getByName("::ffff:127.0.0.1"))).contains("127.0.0.1 is a loopback address");
    }

    @Test
    void allowedNetworksOverrideRefusals() {
        DestinationPolicy policy = DestinationPolicy.fromSetting(" 10.20.0.0/16, 127.0.0.1 ,fd00:abcd::/32,, ");
        assertThat(policy.allowedNetworks()).hasSize(3);
        assertThat(policy.refusal(address("10.20.3.4"))).isEmpty();
        assertThat(policy.refusal(address("10.21.3.4"))).contains("10.21.3.4 is a private address");
        assertThat(policy.refusal(address("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(address("127.0.0.2"))).isPresent();
        assertThat(policy.refusal(address("fd00:abcd::5"))).isEmpty();
        assertThat(policy.refusal(address("fd00:abce::5"))).isPresent();
        // Embedded and mapped forms of an allowed IPv4 address are allowed as well.
        assertThat(policy.refusal(address("::ffff:10.20.3.4"))).isEmpty();
        assertThat(policy.refusal(address("64:ff9b::10.20.3.4"))).isEmpty();
        assertThat(policy.refusal(address("64:ff9b::10.21.3.4"))).isPresent();
        // Public addresses stay allowed.
        assertThat(policy.refusal(address("8.8.8.8"))).isEmpty();
    }

    @Test
    void allowingARangeDoesNotOpenTheMetadataServiceInsideIt() {
        DestinationPolicy range = DestinationPolicy.fromSetting("169.254.0.0/16,100.64.0.0/10,fd00::/8");
        assertThat(range.refusal(address("169.254.1.1"))).isEmpty();
        assertThat(range.refusal(address("169.254.169.254"))).contains("169.254.169.254 is a cloud metadata address");
        assertThat(range.refusal(address("100.100.100.200"))).isPresent();
        assertThat(range.refusal(address("fd00:ec2::254"))).isPresent();
        assertThat(range.refusal(address("::ffff:169.254.169.254"))).isPresent();

        DestinationPolicy exact = DestinationPolicy.fromSetting("169.254.169.254");
        assertThat(exact.refusal(address("169.254.169.254"))).isEmpty();
    }

    @Test
    void explainsInvalidSettings() {
        assertThat(DestinationPolicy.fromSetting(null).allowedNetworks()).isEmpty();
        assertThat(DestinationPolicy.fromSetting("  ").allowedNetworks()).isEmpty();
        assertThatThrownBy(() -> DestinationPolicy.fromSetting("10.0.0.0/8, intranet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid allowed network: ")
                .hasMessageContaining("intranet");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1          | 127.0.0.1 is a loopback address",
            "10.1.2.3           | 10.1.2.3 is a private address",
            "169.254.169.254    | 169.254.169.254 is a cloud metadata address",
            "[::1]              | ::1 is a loopback address",
            "::1                | ::1 is a loopback address",
            "[::ffff:127.0.0.1] | ::ffff:127.0.0.1 (IPv4-mapped 127.0.0.1) is a loopback address",
            "[fe80::1%25eth0]   | [fe80::1%25eth0] has an IPv6 zone ID, which is not allowed",
            "[::1                | [::1 is not a valid IPv6 address",
            "[127.0.0.1]        | [127.0.0.1] is not a valid IPv6 address",
            "localhost          | localhost is a loopback name",
            "LocalHost.         | LocalHost. is a loopback name",
            "api.localhost      | api.localhost is a loopback name",
            "2130706433         | 2130706433 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "0x7f.1             | 0x7f.1 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "0177.0.0.1         | 0177.0.0.1 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "127.1              | 127.1 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "0x7F000001         | 0x7F000001 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "127.000.000.001    | 127.000.000.001 is a non-standard form of the IPv4 address 127.0.0.1, and 127.0.0.1 is a loopback address",
            "0xa9fea9fe         | 0xa9fea9fe is a non-standard form of the IPv4 address 169.254.169.254, and 169.254.169.254 is a cloud metadata address",
            "134744072          | 134744072 is a non-standard form of the IPv4 address 8.8.8.8; write it as a dotted quad",
            "127.0.0.1.         | 127.0.0.1 is a loopback address",
            "4294967296         | 4294967296 is not a valid IPv4 address",
            "1.2.3.4.5          | 1.2.3.4.5 is not a valid IPv4 address",
            "08.0.0.1           | 08.0.0.1 is not a valid IPv4 address",
            "example.0x10       | example.0x10 is not a valid IPv4 address",
            "256.0.0.1          | 256.0.0.1 is not a valid IPv4 address",
    })
    void refusesLiteralHosts(String host, String expected) {
        assertThat(strict.refusalForLiteralHost(host)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "[2606:4700::1111]", "2606:4700::1111", "example.com", "hooks.example.test",
            "localhost.example.com", "1password.com", "0x.example.com", "a.b.c", "xn--bcher-kva.example"})
    void letsPublicLiteralsAndNamesThrough(String host) {
        assertThat(strict.refusalForLiteralHost(host)).isEmpty();
    }

    @Test
    void literalHostsHonourAllowedNetworks() {
        DestinationPolicy policy = DestinationPolicy.fromSetting("127.0.0.0/8,::1");
        assertThat(policy.refusalForLiteralHost("127.0.0.1")).isEmpty();
        assertThat(policy.refusalForLiteralHost("[::1]")).isEmpty();
        assertThat(policy.refusalForLiteralHost("localhost")).isEmpty();
        assertThat(policy.refusalForLiteralHost("10.0.0.1")).isPresent();
        // Odd forms stay refused even where the address they mean is allowed.
        assertThat(policy.refusalForLiteralHost("2130706433")).get().asString().contains("non-standard");
    }

    @Test
    void refusesMissingHosts() {
        assertThat(strict.refusalForLiteralHost(null)).contains("the URL has no valid host");
        assertThat(strict.refusalForLiteralHost("")).contains("the URL has no valid host");
    }

    static InetAddress address(String text) {
        try {
            if (text.indexOf(':') >= 0) {
                // From bytes, so mapped addresses stay Inet6Address as they can arrive from a resolver.
                return Inet6Address.getByAddress(null, Cidr.parseIpv6(text), -1);
            }
            return InetAddress.getByAddress(Cidr.parseDottedQuad(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
