package io.issuehooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "100.64.0.0/10, 100.127.0.1, true",
            "100.64.0.0/10, 100.128.0.1, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe00::1, false",
            "fe80::/10, febf:ffff::1, true",
            "fe80::/10, fec0::1, false",
            "2001:db8::1, 2001:db8::1, true",
            "2001:db8::1, 2001:db8::2, false",
            "::/0, 2606:4700::1, true",
            "10.0.0.0/8, fd00::a00:1, false",
            "fd00::/8, 10.0.0.1, false",
    })
    void contains(String cidr, String address, boolean expected) throws UnknownHostException {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @Test
    void ipv4NetworksMatchIpv4MappedIpv6Addresses() throws UnknownHostException {
        Cidr cidr = Cidr.parse("10.0.0.0/8");
        // Built from bytes so that the JDK does not turn it into an Inet4Address.
        InetAddress mapped = Inet6Address.getByAddress(null, Cidr.parseIpv6("::ffff:10.1.2.3"), -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(cidr.contains(mapped)).isTrue();
        assertThat(cidr.contains(Inet6Address.getByAddress(null, Cidr.parseIpv6("::ffff:11.1.2.3"), -1))).isFalse();
        // Only the mapped form, not IPv4-compatible ::a.b.c.d.
        assertThat(cidr.contains(Inet6Address.getByAddress(null, Cidr.parseIpv6("::10.1.2.3"), -1))).isFalse();
        // And a mapped IPv6 network matches the plain IPv4 address.
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(InetAddress.getByName("10.9.9.9"))).isTrue();
    }

    @Test
    void bareAddressesAreSingleHosts() {
        assertThat(Cidr.parse("192.0.2.7").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("2001:db8::7").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("FD00:0:0::/8")).hasToString("fd00::/8");
        assertThat(Cidr.parse("10.0.0.0/8").isIpv4()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
            "::ffff:1.2.3.4, ::ffff:1.2.3.4",
            "64:ff9b::10.0.0.5, 64:ff9b::a00:5",
            "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    })
    void parsesAndFormatsIpv6(String text, String formatted) {
        assertThat(Cidr.format(Cidr.parseIpv6(text))).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8",
            ":1::", "1:", "::1.2.3.4:5", "::1.2.3", "g::1", "::256.0.0.1", "fe80::1%eth0", ""})
    void rejectsInvalidIpv6(String text) {
        assertThat(Cidr.parseIpv6(text)).isNull();
    }

    @Test
    void explainsBadInput() {
        assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty network");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid prefix length '33'").hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("fd00::/129")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 128");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid prefix length");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/8/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256/32")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.256' is not a plain IPv4");
        assertThatThrownBy(() -> Cidr.parse("example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a plain IPv4 (dotted quad) or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("010.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.1.0.0/8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> Cidr.parse("fd00::1/8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean fd00::/8?");
    }
}
