package io.issuehooks.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

import org.apache.hc.client5.http.io.DetachedSocketFactory;

/**
 * Creates sockets that check the policy against the exact address they are about to connect to. This is the
 * authoritative SSRF check: it holds for IP-literal URLs, for any resolver, and against DNS rebinding, because
 * nothing is resolved between the check and the connect. TLS is layered on top of these sockets afterwards.
 */
final class GuardedSocketFactory implements DetachedSocketFactory {

    private final DestinationPolicy policy;

    GuardedSocketFactory(DestinationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Socket create(Proxy proxy) throws IOException {
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            // Through a proxy the address checked would be the proxy's, not the destination's.
            throw new IOException("proxies are not supported for webhook deliveries");
        }
        return new GuardedSocket(policy);
    }

    private static final class GuardedSocket extends Socket {

        private final DestinationPolicy policy;

        GuardedSocket(DestinationPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target) || target.isUnresolved()) {
                // An unresolved address would be resolved by the JDK after this check.
                throw new RefusedDestinationException(String.valueOf(endpoint), "the address is not resolved");
            }
            Optional<String> refusal = policy.refusal(target.getAddress());
            if (refusal.isPresent()) {
                throw new RefusedDestinationException(target.getHostString(), refusal.get());
            }
            super.connect(endpoint, timeout);
        }
    }
}
