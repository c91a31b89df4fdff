package io.drplatform.dr.provider;

/**
 * Where a provider runs the health checks that drive a failover faster than deployed (the rehearsal scales them
 * down): the scale, and how many seconds the detection and routing parts of a failover would add at the synthesized
 * timings, so a report can project its RTO to the deployment.
 *
 * @param scale                 the factor on every health-check interval (1 = as deployed)
 * @param secondsAddedAtScale1  what the scaled health checks would add to the RTO at the synthesized intervals
 * @param basis                 which checks, at which intervals, scaled and synthesized
 */
public record HealthCheckTimings(double scale, double secondsAddedAtScale1, String basis) {}
