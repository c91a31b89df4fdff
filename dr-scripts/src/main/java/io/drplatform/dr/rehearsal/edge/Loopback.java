package io.drplatform.dr.rehearsal.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Addresses on the loopback network for one run, one per stand-in, so that the database and the cache listen on
 * the ports written in the template without meeting anything already on 127.0.0.1 (or another run). Linux answers
 * on the whole of 127.0.0.0/8.
 */
public record Loopback(String prefix) {

    public static Loopback forThisRun() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Loopback("127." + random.nextInt(100, 200) + "." + random.nextInt(1, 255) + ".");
    }

    public String database() {
        return prefix + "2";
    }

    public String cache() {
        return prefix + "3";
    }

    public String issuer() {
        return prefix + "4";
    }

    public String loadBalancer() {
        return prefix + "5";
    }

    /** Callers of the load balancer: distinct client addresses, as distinct users on the internet have. */
    public InetAddress client(int n) {
        return address(prefix + (10 + n));
    }

    public static InetAddress address(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
