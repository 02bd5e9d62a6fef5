package org.vigilvms.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static final Set<Integer> OWN = Set.of(8443, 9990, 5432);

    private static AddressPolicy allowing(String... cidrs) {
        return new AddressPolicy(Arrays.stream(cidrs).map(AddressPolicy.Network::parse).toList(), OWN);
    }

    private static String problem(AddressPolicy policy, String address, int port) throws Exception {
        return policy.problem(InetAddress.getByName(address), port, false);
    }

    @Test
    void ordinaryCameraNetworksAreReachable() throws Exception {
        AddressPolicy policy = allowing();
        for (String address : List.of("10.1.2.3", "192.168.0.20", "172.16.5.5", "203.0.113.9", "2001:db8::7")) {
            assertNull(problem(policy, address, 554), address);
        }
    }

    @Test
    void metadataLoopbackMulticastAndUnspecifiedAddressesAreRefusedByDefault() throws Exception {
        AddressPolicy policy = allowing();
        for (String address : List.of("169.254.169.254", "127.0.0.1", "127.8.9.10", "::1", "fe80::1", "0.0.0.0", "::",
                "224.0.0.251", "255.255.255.255", "::ffff:169.254.1.1", "0.1.2.3")) {
            String problem = problem(policy, address, 554);
            assertNotNull(problem, address);
            assertTrue(problem.startsWith("address not allowed: "), problem);
        }
    }

    @Test
    void anAllowedNetworkOpensItsRangeOnlyAndNeverTheServersOwnPorts() throws Exception {
        AddressPolicy policy = allowing("127.0.0.0/8", "169.254.10.0/24");
        assertNull(problem(policy, "127.0.0.1", 8554));
        assertNull(problem(policy, "127.200.0.1", 554));
        assertNull(problem(policy, "169.254.10.77", 554));
        assertNotNull(problem(policy, "169.254.169.254", 80), "outside the allowed /24");
        assertEquals("address not allowed: 127.0.0.1 port 8443 is this server's own service", problem(policy, "127.0.0.1", 8443));
        assertNotNull(policy.problem(InetAddress.getByName("10.0.0.5"), 9990, true), "the server's own address too");
        assertNull(policy.problem(InetAddress.getByName("10.0.0.5"), 554, true), "a camera port on a local address is fine");
    }

    @Test
    void namesAreJudgedByEveryAddressTheyResolveTo() {
        AddressPolicy policy = allowing();
        assertNotNull(policy.problem("localhost", 554), "localhost is loopback");
        assertEquals("the name no-such-camera.invalid does not resolve", policy.problem("no-such-camera.invalid", 554));
        assertNull(allowing("127.0.0.0/8", "::1/128").problem("localhost", 554));
        assertNotNull(policy.problem("[::1]", 554));
    }

    @Test
    void theDatabasePortComesFromItsUrl() {
        assertEquals(54329, AddressPolicy.databasePort("jdbc:postgresql://127.0.0.1:54329/vigil"));
        assertEquals(5432, AddressPolicy.databasePort("jdbc:postgresql://db.example/vigil"));
        assertEquals(5432, AddressPolicy.databasePort(""));
    }

    @Test
    void malformedNetworksAreRefused() {
        for (String bad : List.of("10.0.0.0/33", "camera.example/8", "10.0.0.0/x", "::/129")) {
            assertThrows(IllegalArgumentException.class, () -> AddressPolicy.Network.parse(bad), bad);
        }
    }
}
