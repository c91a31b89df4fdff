package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.edge.LocalIssuer;
import io.drplatform.dr.rehearsal.edge.TokenMinter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform's user pool as a local OIDC issuer ({@link LocalIssuer}, detached): the services reach it through the
 * issuer and key-set URLs the stacks publish, and the DR tool signs its heartbeat's access tokens with its key.
 */
final class LocalIdentityProvider implements LocalResource {
    static final int PORT = 8000;

    /** Who the heartbeat's writes come from: a client of the pool of its own, as a drill identity is. */
    static final String HEARTBEAT_SUBJECT = "dr-heartbeat";

    static Path keyDirectory(LocalState state) {
        return state.privateDirectory().resolve("issuer");
    }

    static String issuerUri(LocalState state) {
        return "http://" + state.issuer().address() + ":" + state.issuer().port() + "/" + LocalIssuer.DEFAULT_POOL_ID;
    }

    static String jwksUri(LocalState state) {
        return issuerUri(state) + "/.well-known/jwks.json";
    }

    /** An access token for the heartbeat, signed with the issuer's key and naming it. */
    static String heartbeatToken(LocalState state, Duration validity) throws IOException {
        return TokenMinter.of(keyDirectory(state), issuerUri(state))
                .accessToken(HEARTBEAT_SUBJECT, HEARTBEAT_SUBJECT, "openid", validity);
    }

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        LocalState.Server issuer = state.issuer();
        List<String> command = LocalProcesses.toolJvm(
                48,
                LocalIssuer.class,
                "--address",
                issuer.address(),
                "--port",
                Integer.toString(issuer.port()),
                "--key-directory",
                keyDirectory(state).toString());
        long pid = LocalProcesses.startDetached(command, Map.of(), state.base().resolve("issuer.log"));
        state = startup.record(state.withIssuer(issuer.withPid(pid)));
        String discovery = issuerUri(state) + "/.well-known/openid-configuration";
        if (!LocalProcesses.awaitHttp(discovery, Duration.ofSeconds(30), pid)) {
            throw new IOException("the local issuer did not answer " + discovery + "; see "
                    + state.base().resolve("issuer.log"));
        }
        startup.out().println("identity provider: local OIDC issuer " + issuerUri(state));
        return state;
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        if (state.issuer() != null) {
            LocalProcesses.stop(state.issuer().pid(), LocalIssuer.class.getName());
        }
    }
}
