package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.util.ArrayList;
import java.util.List;

/** An {@code AWS::SecretsManager::Secret} as a stack declares it: its name, and where it is created and replicated. */
record SecretDeclaration(SynthesizedStack stack, String logicalId, JsonNode properties) {
    static final String SECRET = "AWS::SecretsManager::Secret";

    /**
     * What a secret is apart from its random parts (its suffix and value): kept secrets are those of the templates if
     * they are the same places.
     */
    record Place(String stack, String logicalId, String name, String account, String region, List<String> replicas) {}

    static List<SecretDeclaration> of(SynthesizedStack stack) {
        List<SecretDeclaration> declared = new ArrayList<>();
        stack.resourcesOfType(SECRET).forEach((id, props) -> declared.add(new SecretDeclaration(stack, id, props)));
        return declared;
    }

    String name() {
        // Without a Name, CloudFormation names the secret after its logical id.
        return properties.has("Name") ? properties.path("Name").asText() : logicalId;
    }

    List<String> replicaRegions() {
        List<String> regions = new ArrayList<>();
        for (JsonNode replica : properties.path("ReplicaRegions")) {
            if (!replica.path("Region").isTextual()) {
                throw new IllegalStateException(stack.name() + " secret " + logicalId
                        + " has a replica region that is not a literal: " + replica);
            }
            regions.add(replica.path("Region").asText());
        }
        return List.copyOf(regions);
    }

    Place place() {
        return new Place(stack.name(), logicalId, name(), stack.account(), stack.region(), replicaRegions());
    }
}
