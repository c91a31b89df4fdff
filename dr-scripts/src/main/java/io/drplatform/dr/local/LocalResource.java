package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A kind of template resource the rehearsal runs in each region. {@code dr local up} starts the kinds in
 * {@link LocalRegionPair#RESOURCES} order and {@code down} stops them in reverse; adding a kind is an implementation,
 * an entry in that list, and its server in {@link LocalState.RegionNode}.
 */
interface LocalResource {

    /**
     * Starts this kind in every region of the pair.
     *
     * @return the state with what was started recorded (each start is saved as it happens, so {@code down} can
     *     clean up after a failed {@code up})
     */
    LocalState start(LocalState state, Startup startup) throws Exception;

    /** Stops this kind in one region; safe on a region where it never started. */
    void stop(LocalState state, LocalState.RegionNode node, PrintStream out);

    /**
     * What {@code up} starts from: the templates, their values resolved to the rehearsal, the certificate the TLS
     * servers present; and where it records the state and reports what it started.
     */
    record Startup(
            Path stateDirectory,
            PrintStream out,
            EnvironmentTemplates templates,
            RehearsalValues values,
            TlsCertificate tls) {
        LocalState record(LocalState state) throws java.io.IOException {
            state.save(stateDirectory);
            return state;
        }
    }
}
