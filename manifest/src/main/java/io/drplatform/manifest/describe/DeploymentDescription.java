package io.drplatform.manifest.describe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.loading.ManifestException;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DrStrategy;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.plan.StackPlan;
import io.drplatform.manifest.validation.Suggestions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What automation needs to know about one environment of an application, from the manifest alone (no synthesis, no
 * AWS call): names, regions, the stacks to deploy, services and where their parameters live. The deploy workflow
 * reads it ({@code ./platform describe --environment staging --json}) instead of repeating values from the manifest.
 */
public final class DeploymentDescription {
    private DeploymentDescription() {}

    public static Map<String, Object> of(Deployment d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("application", d.name());
        out.put("environment", d.environment().id());
        out.put("account", d.account());
        out.put("domain", d.dns().domainName());
        out.put("url", "https://" + d.dns().domainName());
        out.put("primaryRegion", d.regions().primary());
        out.put("standbyRegion", d.hasStandby() ? d.regions().standby() : null);
        out.put("activeRegion", d.activeRegion());
        out.put(
                "drStrategy",
                d.dr() == null ? DrStrategy.NONE.id() : d.dr().strategy().id());
        out.put(
                "stacks",
                StackPlan.of(d).stream()
                        .map(s -> Map.of(
                                "name",
                                s.name(),
                                "region",
                                s.region(),
                                "kind",
                                s.kind().id()))
                        .toList());
        out.put("stackNames", StackPlan.of(d).stream().map(StackPlan::name).toList());
        out.put(
                "services",
                d.services().stream().map(DeploymentDescription::service).toList());
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put(d.activeRegion(), PlatformParameters.prefix(d, d.activeRegion()));
        d.passiveRegion().ifPresent(passive -> prefixes.put(passive, PlatformParameters.prefix(d, passive)));
        out.put("parameterPrefixes", prefixes);
        out.put("activeParameterPrefix", PlatformParameters.prefix(d, d.activeRegion()));
        return out;
    }

    private static Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("routes", s.routes() == null ? List.of() : s.routes());
        out.put("healthCheckPath", s.healthCheckPath());
        out.put("deepHealthCheckPath", s.deepHealthCheckPath());
        out.put("migrates", s.migrates());
        return out;
    }

    /** {@code --manifest PATH --environment NAME [--json]}; exits 2 on an invalid manifest, 64 on bad arguments. */
    public static void main(String[] args) throws Exception {
        Path manifest = Path.of("manifests", "tco-calculator.yaml");
        String environment = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--manifest" -> manifest = Path.of(argument(args, ++i));
                case "--environment" -> environment = argument(args, ++i);
                case "--json" -> json = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (environment == null) {
            usage("--environment is required");
        }
        String id = environment;
        EnvironmentName name = EnvironmentName.fromId(id).orElse(null);
        if (name == null) {
            usage("unknown environment `" + id + "`; use " + Suggestions.alternatives(EnvironmentName.ids()));
        }
        Deployment deployment;
        try {
            deployment = ManifestLoader.load(manifest).deployment(name);
        } catch (ManifestException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> description = of(deployment);
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(description));
        } else {
            description.forEach((key, value) -> System.out.println(key + ": " + value));
        }
    }

    private static String argument(String[] args, int index) {
        if (index >= args.length) {
            usage(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: ./platform describe --environment NAME [--manifest PATH] [--json]");
        System.exit(64);
    }
}
