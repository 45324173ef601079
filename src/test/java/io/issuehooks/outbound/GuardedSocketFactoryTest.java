package io.issuehooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class GuardedSocketFactoryTest {

    @Test
    void refusesToConnectToARefusedAddress() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             Socket socket = new GuardedSocketFactory(DestinationPolicy.publicOnly()).create(null)) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listener.getLocalPort());
            assertThatThrownBy(() -> socket.connect(target, 1000))
                    .isInstanceOf(RefusedDestinationException.class)
                    .hasMessage("refused destination 127.0.0.1: 127.0.0.1 is a loopback address");
            assertThatThrownBy(() -> socket.connect(target))
                    .isInstanceOf(RefusedDestinationException.class);
            assertNoConnection(listener);
        }
    }

    @Test
    void connectsWhereThePolicyAllows() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             Socket socket = new GuardedSocketFactory(DestinationPolicy.fromSetting("127.0.0.1")).create(null)) {
            socket.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 1000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void refusesUnresolvedAddressesAndProxies() throws IOException {
        GuardedSocketFactory factory = new GuardedSocketFactory(DestinationPolicy.fromSetting("0.0.0.0/0,::/0"));
        try (Socket socket = factory.create(null)) {
            assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("example.test", 80), 1000))
                    .isInstanceOf(RefusedDestinationException.class)
                    .hasMessageContaining("not resolved");
        }
        Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1080));
        assertThatThrownBy(() -> factory.create(socks)).isInstanceOf(IOException.class)
                .hasMessageContaining("proxies are not supported");
    }

    static void assertNoConnection(ServerSocket listener) throws IOException {
        listener.setSoTimeout(300);
        assertThatThrownBy(listener::accept).as("a TCP connection reached the listener")
                .isInstanceOf(SocketTimeoutException.class);
    }
}
