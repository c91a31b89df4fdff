package io.drplatform.tco.bench;

import java.time.Duration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The benchmark's ceiling: the same server, filters and security chain, but no work. Only in the bench profile. */
@RestController
@Profile("bench")
public class BareEndpoint {

    @GetMapping(path = "/bench/bare", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> bare() {
        return Mono.just("{\"ok\":true}");
    }

    /** A deliberately slow answer (at most 30 s), to observe graceful shutdown with a request in flight. */
    @GetMapping(path = "/bench/slow", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> slow(@RequestParam(defaultValue = "1000") long ms) {
        return Mono.just("{\"ok\":true}").delayElement(Duration.ofMillis(Math.min(Math.max(ms, 0), 30_000)));
    }
}
