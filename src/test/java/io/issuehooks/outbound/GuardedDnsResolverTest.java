package io.issuehooks.outbound;

import static io.issuehooks.outbound.DestinationPolicyTest.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class GuardedDnsResolverTest {

    @Test
    void dropsRefusedAddresses() throws UnknownHostException {
        GuardedDnsResolver resolver = new GuardedDnsResolver(DestinationPolicy.publicOnly(),
                answers(new InetAddress[] {address("10.0.0.5"), address("93.184.216.34"), address("::1"),
                        address("2606:4700::1111")}));
        assertThat(resolver.resolve("example.test"))
                .containsExactly(address("93.184.216.34"), address("2606:4700::1111"));
    }

    @Test
    void refusesWhenNothingIsLeft() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(DestinationPolicy.publicOnly(),
                answers(new InetAddress[] {address("10.0.0.5"), address("127.0.0.1")}));
        assertThatThrownBy(() -> resolver.resolve("example.test"))
                .isInstanceOf(RefusedDestinationException.class)
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("refused destination example.test: 10.0.0.5 is a private address");
    }

    @Test
    void resolvesAfreshEveryTime() throws UnknownHostException {
        // DNS rebinding: the first answer is public, the next one internal; nothing may be remembered.
        GuardedDnsResolver resolver = new GuardedDnsResolver(DestinationPolicy.publicOnly(),
                answers(new InetAddress[] {address("93.184.216.34")}, new InetAddress[] {address("169.254.169.254")}));
        assertThat(resolver.resolve("rebind.test")).containsExactly(address("93.184.216.34"));
        assertThatThrownBy(() -> resolver.resolve("rebind.test"))
                .hasMessage("refused destination rebind.test: 169.254.169.254 is a cloud metadata address");
    }

    @Test
    void honoursAllowedNetworks() throws UnknownHostException {
        GuardedDnsResolver resolver = new GuardedDnsResolver(DestinationPolicy.fromSetting("10.0.0.0/24"),
                answers(new InetAddress[] {address("10.0.0.5"), address("10.0.1.5")}));
        assertThat(resolver.resolve("internal.test")).containsExactly(address("10.0.0.5"));
    }

    @Test
    void guardsTheSystemResolver() throws UnknownHostException {
        assertThatThrownBy(() -> new GuardedDnsResolver(DestinationPolicy.publicOnly()).resolve("localhost"))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageStartingWith("refused destination localhost: ")
                .hasMessageContaining("is a loopback address");
        // Literals go through the same resolver; the JDK parses them without a lookup.
        assertThatThrownBy(() -> new GuardedDnsResolver(DestinationPolicy.publicOnly()).resolve("127.0.0.1"))
                .hasMessage("refused destination 127.0.0.1: 127.0.0.1 is a loopback address");

        InetAddress[] allowed = new GuardedDnsResolver(DestinationPolicy.fromSetting("127.0.0.0/8")).resolve("localhost");
        assertThat(allowed).isNotEmpty().allSatisfy(a -> assertThat(a.getHostAddress()).startsWith("127."));
    }

    @Test
    void socketAddressesComeFromTheGuardedAnswer() throws UnknownHostException {
        GuardedDnsResolver resolver = new GuardedDnsResolver(DestinationPolicy.publicOnly(),
                answers(new InetAddress[] {address("10.0.0.5"), address("93.184.216.34")}));
        assertThat(resolver.resolve("example.test", 443))
                .containsExactly(new InetSocketAddress(address("93.184.216.34"), 443));
    }

    private static DnsResolver answers(InetAddress[]... answers) {
        Deque<InetAddress[]> queue = new ArrayDeque<>(Arrays.asList(answers));
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] next = queue.poll();
                if (next == null) {
                    throw new UnknownHostException(host);
                }
                return next;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
