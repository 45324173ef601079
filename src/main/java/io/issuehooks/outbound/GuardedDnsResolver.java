package io.issuehooks.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves with the system resolver and keeps only the addresses the policy allows. Every call resolves afresh
 * (the JVM's own short-lived cache aside), so a pooled client never pins an answer; the answer it returns is
 * what the connection operator connects to, and {@link GuardedSocketFactory} checks that again at connect.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final DestinationPolicy policy;
    private final DnsResolver delegate;

    public GuardedDnsResolver(DestinationPolicy policy) {
        this(policy, SystemDefaultDnsResolver.INSTANCE);
    }

    public GuardedDnsResolver(DestinationPolicy policy, DnsResolver delegate) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] resolved = delegate.resolve(host);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException(host);
        }
        InetAddress[] permitted = new InetAddress[resolved.length];
        int count = 0;
        String firstRefusal = null;
        for (InetAddress address : resolved) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isEmpty()) {
                permitted[count++] = address;
            } else if (firstRefusal == null) {
                firstRefusal = refusal.get();
            }
        }
        if (count == 0) {
            throw new RefusedDestinationException(host, firstRefusal);
        }
        return count == resolved.length ? resolved : Arrays.copyOf(permitted, count);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
