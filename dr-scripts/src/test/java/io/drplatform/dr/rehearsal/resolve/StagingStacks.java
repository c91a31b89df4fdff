package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The reference manifest's staging region stacks as {@code ./platform synth} writes them, trimmed to the resources a
 * rehearsal resolves (secrets, databases, cache, ECS services and tasks, listener and target groups): the primary in
 * us-east-1 and the standby in us-west-2, whose database is a cross-region replica of the primary's and whose api
 * reads the primary's replicated credentials. The untrimmed assembly is resolved in contract-tests.
 */
final class StagingStacks {
    static final String ACCOUNT = "123456789012";
    static final String PRIMARY = "tco-calculator-staging-us-east-1";
    static final String STANDBY = "tco-calculator-staging-us-west-2";
    static final String APPLICATION_CREDENTIALS = "DatabaseApplicationCredentials8E446D4A";
    static final String REDIS_TOKEN = "CacheAuthToken04672416";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StagingStacks() {}

    static SynthesizedStack primary() {
        return primary(template -> {});
    }

    /** The primary stack with its template changed by {@code change}. */
    static SynthesizedStack primary(Consumer<ObjectNode> change) {
        return stack(PRIMARY, "us-east-1", change);
    }

    static SynthesizedStack standby() {
        return stack(STANDBY, "us-west-2", template -> {});
    }

    /** The properties of a resource of {@code template}, to change. */
    static ObjectNode properties(ObjectNode template, String logicalId) {
        return (ObjectNode) template.path("Resources").path(logicalId).path("Properties");
    }

    private static SynthesizedStack stack(String name, String region, Consumer<ObjectNode> change) {
        try (InputStream in = StagingStacks.class.getResourceAsStream(name + ".template.json")) {
            JsonNode template = JSON.readTree(in);
            change.accept((ObjectNode) template);
            return new SynthesizedStack(name, region, ACCOUNT, template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
