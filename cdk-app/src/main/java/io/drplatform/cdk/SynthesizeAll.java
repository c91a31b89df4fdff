package io.drplatform.cdk;

import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.loading.ManifestException;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * The main job: synthesizes an application for every environment (no AWS account, no network) and prints
 * what was produced: stacks, regions, resources per stack and the cdk-nag verdict. Exits non-zero when the
 * manifest is invalid (2) or cdk-nag reports an unsuppressed finding (1: synthesis fails validation, see
 * {@link ValidationReport}).
 *
 * <p>Options: {@code --manifest PATH}, {@code --environment NAME} (repeatable), {@code --out DIR}.
 */
public final class SynthesizeAll {
    private SynthesizeAll() {}

    public static void main(String[] args) {
        Path manifestPath = Path.of("manifests", "tco-calculator.yaml");
        Path out = Path.of("cdk-app", "cdk.out");
        List<String> environmentIds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--manifest" -> manifestPath = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--environment" -> environmentIds.add(value(args, ++i));
                default -> {
                    System.err.println(
                            "unknown option " + args[i] + "; use --manifest PATH, --environment NAME, --out DIR");
                    System.exit(64);
                }
            }
        }
        Set<EnvironmentName> environments;
        try {
            environments = EnvironmentSelection.of(environmentIds);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        long started = System.nanoTime();
        ApplicationManifest manifest;
        try {
            manifest = ManifestLoader.load(manifestPath);
        } catch (ManifestException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App(AppProps.builder()
                .outdir(out.toString())
                .context(PlatformStacks.CONTEXT)
                .build());
        List<software.amazon.awscdk.Stack> stacks = PlatformStacks.build(app, manifest, environments);
        CloudAssembly assembly;
        try {
            assembly = app.synth();
        } catch (RuntimeException e) {
            if (!ValidationReport.explains(e, out)) {
                throw e;
            }
            List<String> violations = ValidationReport.violations(out);
            System.out.printf(
                    "%nSynthesis of %s failed validation: %d findings (report: %s)%n",
                    manifest.source(), violations.size(), out.resolve(ValidationReport.FILE));
            violations.forEach(v -> System.out.println("  " + v));
            System.exit(1);
            return;
        }
        Summary summary = Summary.of(assembly);
        System.out.print(summary.render(manifest, stacks, out, (System.nanoTime() - started) / 1_000_000));
        System.exit(summary.nagErrors() > 0 ? 1 : 0);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            System.err.println(args[index - 1] + " needs a value");
            System.exit(64);
        }
        return args[index];
    }

    /** Resource counts and cdk-nag findings of a synthesized assembly. */
    record Summary(
            Map<String, Integer> resourcesByStack,
            Map<String, String> regionByStack,
            List<String> nagFindings,
            int nagErrors) {

        @SuppressWarnings("unchecked")
        static Summary of(CloudAssembly assembly) {
            Map<String, Integer> resources = new TreeMap<>();
            Map<String, String> regions = new TreeMap<>();
            List<String> findings = new ArrayList<>();
            int errors = 0;
            for (CloudFormationStackArtifact stack : assembly.getStacks()) {
                Map<String, Object> template = (Map<String, Object>) stack.getTemplate();
                Map<String, Object> declared = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
                resources.put(stack.getStackName(), declared.size());
                regions.put(stack.getStackName(), stack.getEnvironment().getRegion());
                for (SynthesisMessage message : stack.getMessages()) {
                    String text = String.valueOf(message.getEntry().getData());
                    if (text.startsWith("AwsSolutions-") || text.contains("[AwsSolutions-")) {
                        if (message.getLevel() == SynthesisMessageLevel.ERROR) {
                            errors++;
                        }
                        findings.add(message.getLevel() + " " + message.getId() + ": " + firstLine(text));
                    }
                }
            }
            return new Summary(resources, regions, findings, errors);
        }

        String render(ApplicationManifest manifest, List<software.amazon.awscdk.Stack> stacks, Path out, long millis) {
            StringBuilder text = new StringBuilder();
            text.append("\nSynthesized ")
                    .append(manifest.name())
                    .append(" from ")
                    .append(manifest.source())
                    .append(" into ")
                    .append(out)
                    .append(" in ")
                    .append(String.format("%.1f s", millis / 1000.0))
                    .append('\n');
            text.append(String.format(
                    "%-48s %-14s %-12s %-8s %s%n", "stack", "region", "environment", "role", "resources"));
            for (software.amazon.awscdk.Stack stack : stacks) {
                String name = stack.getStackName();
                DeploymentStack described = (DeploymentStack) stack;
                text.append(String.format(
                        "%-48s %-14s %-12s %-8s %d%n",
                        name,
                        regionByStack.get(name),
                        described.getDeployment().environment().id(),
                        described.roleLabel(),
                        resourcesByStack.get(name)));
            }
            int total = resourcesByStack.values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            text.append(String.format("%d stacks, %d resources%n", stacks.size(), total));
            if (nagFindings.isEmpty()) {
                text.append(
                        "cdk-nag AwsSolutions: clean (every accepted finding is suppressed with a written reason)\n");
            } else {
                text.append("cdk-nag AwsSolutions: ")
                        .append(nagErrors)
                        .append(" errors, ")
                        .append(nagFindings.size() - nagErrors)
                        .append(" warnings\n");
                nagFindings.forEach(f -> text.append("  ").append(f).append('\n'));
            }
            return text.toString();
        }

        private static String firstLine(String text) {
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline);
        }
    }
}
