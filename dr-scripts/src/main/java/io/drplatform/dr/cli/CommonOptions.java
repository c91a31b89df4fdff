package io.drplatform.dr.cli;

import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: which application and environment, which provider, where reports go. */
public class CommonOptions {
    @Option(
            names = "--manifest",
            description = "application manifest (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:DR_MANIFEST:-manifests/tco-calculator.yaml}")
    Path manifest;

    @Option(
            names = {"--env", "--environment"},
            description = "development, staging or production (default: ${DEFAULT-VALUE})",
            defaultValue = "staging")
    String environment;

    @Option(names = "--provider", description = "aws or local (default: ${DEFAULT-VALUE})", defaultValue = "aws")
    String provider;

    @Option(
            names = "--state-dir",
            description = "local provider state (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:DR_LOCAL_STATE:-${sys:user.home}/.dr-local}")
    Path stateDirectory;

    @Option(
            names = "--report-dir",
            description = "where drill reports go (default: ${DEFAULT-VALUE})",
            defaultValue = "drill-reports")
    Path reportDirectory;

    @Option(
            names = "--endpoint-url",
            description = "AWS: send every API call to this endpoint (testing)",
            hidden = true)
    String endpointUrl;

    @Option(
            names = "--entry-point",
            description = "AWS: the application's URL for the heartbeat writer (default: https://<dns.domainName>)")
    String entryPoint;

    @Option(
            names = "--token",
            description = "bearer token for the heartbeat writes (default: $DR_TOKEN)",
            defaultValue = "${env:DR_TOKEN}")
    String token;

    EnvironmentName environmentName() {
        return EnvironmentName.fromId(environment)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown environment " + environment + " (development, staging, production)"));
    }

    boolean local() {
        return "local".equals(provider);
    }

    void checkProvider() {
        if (!local() && !"aws".equals(provider)) {
            throw new IllegalArgumentException("unknown provider " + provider + " (aws or local)");
        }
    }

    /** The deployment from the manifest; for the local provider the manifest is optional. */
    Deployment deploymentOrNull() {
        if (manifest == null || !Files.exists(manifest)) {
            if (local()) {
                return null;
            }
            throw new IllegalArgumentException("manifest not found: " + manifest + " (pass --manifest)");
        }
        ApplicationManifest m = ManifestLoader.load(manifest);
        return m.deployment(environmentName());
    }
}
