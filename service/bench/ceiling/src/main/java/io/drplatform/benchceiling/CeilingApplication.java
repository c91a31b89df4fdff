package io.drplatform.benchceiling;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What plain Spring Boot WebFlux serves on this machine: no filter, no security, no logging per request. The
 * service's endpoints are measured as a share of these two.
 */
@SpringBootApplication
@RestController
public class CeilingApplication {

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }

    @GetMapping("/bare")
    public Mono<Map<String, Object>> bare() {
        return Mono.just(Map.of("ok", true));
    }

    /** Parses the JSON body and writes it back: the codec work of a JSON API, without the API. */
    @PostMapping("/echo")
    public Mono<Map<String, Object>> echo(@RequestBody Mono<Map<String, Object>> body) {
        return body;
    }
}
