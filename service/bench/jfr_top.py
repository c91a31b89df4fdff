#!/usr/bin/env python3
"""Top entries of a JFR recording's CPU samples (jdk.ExecutionSample), as markdown tables.

  python3 jfr_top.py recording.jfr [top-n]

Four views: the methods at the top of the stack (self time); each sample charged to the area of the innermost
frame that belongs to one (self time by area: where the CPU is spent); the share of samples whose stack passes
through each area (inclusive: what the work was done for; a sample counts in several areas); and the service's own
methods (inclusive). Percentages are of all Java samples of the recording.
"""
import collections
import json
import subprocess
import sys

AREAS = [
    ("logging (Logback, SLF4J, Boot structured logging)", ("ch.qos.logback.", "org.slf4j.", "org.springframework.boot.logging.")),
    ("security (Spring Security, JWT)", ("org.springframework.security.", "com.nimbusds.")),
    ("metrics (Micrometer)", ("io.micrometer.core.", "io.micrometer.prometheus", "io.prometheus.")),
    ("context propagation (Micrometer context, Reactor hooks)", ("io.micrometer.context.", "reactor.core.publisher.ContextPropagation")),
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("resilience4j", ("io.github.resilience4j.",)),
    ("Redis (Lettuce)", ("io.lettuce.",)),
    ("PostgreSQL (R2DBC)", ("io.r2dbc.", "org.springframework.r2dbc.", "org.springframework.data.r2dbc.")),
    ("Spring WebFlux (dispatch, codecs, filters)", ("org.springframework.web.", "org.springframework.http.")),
    ("Netty and Reactor Netty (HTTP, I/O)", ("io.netty.", "reactor.netty.")),
    ("the service's own code", ("io.drplatform.",)),
    ("regular expressions", ("java.util.regex.",)),
    ("reflection and method handles", ("java.lang.reflect.", "jdk.internal.reflect.", "java.lang.invoke.")),
    ("random numbers (SecureRandom, UUID)", ("java.security.SecureRandom", "sun.security.provider.", "java.util.UUID")),
]


def frames(event):
    for frame in event["values"]["stackTrace"]["frames"]:
        method = frame["method"]
        # Class names come as java/lang/String, hidden classes (lambdas) with dots: one form for both.
        yield (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    raw = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    total = len(events)
    if not total:
        print("no samples")
        return
    self_time = collections.Counter()
    self_area = collections.Counter()
    areas = collections.Counter()
    service = collections.Counter()
    for event in events:
        stack = list(frames(event))
        if not stack:
            continue
        self_time[stack[0]] += 1
        self_area[next((area for f in stack for area, prefixes in AREAS if f.startswith(prefixes)), "other (JDK)")] += 1
        for area, prefixes in AREAS:
            if any(f.startswith(prefixes) for f in stack):
                areas[area] += 1
        for f in set(stack):
            if f.startswith("io.drplatform."):
                service[f] += 1

    def table(title, counter, n):
        print(f"| {title} | samples | share |")
        print("|---|---:|---:|")
        for name, count in counter.most_common(n):
            print(f"| `{name}` | {count} | {100 * count / total:.1f}% |")
        print()

    print(f"{total} CPU samples (jdk.ExecutionSample, all Java threads).")
    print()
    table("top of stack (self)", self_time, top_n)
    table("area (self: innermost frame of an area)", self_area, len(AREAS) + 1)
    table("area (inclusive)", areas, len(AREAS))
    table("service method (inclusive)", service, top_n)


if __name__ == "__main__":
    main()
