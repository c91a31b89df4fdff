package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.resolve.EnvironmentSecrets;
import io.drplatform.dr.rehearsal.resolve.LocalEndpoints;
import io.drplatform.dr.rehearsal.resolve.RegionValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The templates' values resolved to the rehearsal, per region: the environment's secrets generated once (and kept
 * in the private directory), each region's endpoints its own servers.
 */
final class RehearsalValues {
    static final String SECRETS_FILE = "secrets.json";

    private final Map<String, RegionValues> byRegion;

    private RehearsalValues(Map<String, RegionValues> byRegion) {
        this.byRegion = byRegion;
    }

    static RehearsalValues generate(
            LocalState state, EnvironmentTemplates templates, String issuerUri, String jwksUri) {
        EnvironmentSecrets secrets = EnvironmentSecrets.generate(templates);
        secrets.save(state.privateDirectory().resolve(SECRETS_FILE));
        Map<String, RegionValues> byRegion = new LinkedHashMap<>();
        for (EnvironmentTemplates.Region region : templates.regions()) {
            LocalState.RegionNode node = state.region(region.template().region());
            byRegion.put(
                    node.name(),
                    new RegionValues(
                            region,
                            secrets,
                            new LocalEndpoints(
                                    node.database().address(),
                                    node.cache() == null ? null : node.cache().address(),
                                    issuerUri,
                                    jwksUri)));
        }
        return new RehearsalValues(byRegion);
    }

    RegionValues region(String name) {
        RegionValues values = byRegion.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no region stack for " + name);
        }
        return values;
    }
}
