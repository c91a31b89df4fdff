package io.drplatform.tco.quote;

import io.drplatform.tco.calculator.TcoCalculator;
import io.drplatform.tco.calculator.TcoInput;
import io.drplatform.tco.calculator.TcoInputParser;
import io.drplatform.tco.calculator.TcoResult;
import io.drplatform.tco.problem.Problem;
import io.drplatform.tco.web.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Anonymous quotes: compute only, nothing is stored, no dependency is touched. */
@RestController
@RequestMapping("/api/v1/quotes")
public class QuoteController {

    /** The quote document: the canonical input and its result. */
    public record Quote(TcoInput input, TcoResult result) {}

    private final Timer timer;
    private final Counter invalid;
    private final Counter quoted;

    public QuoteController(MeterRegistry meters) {
        this.timer = Timer.builder("calculation.duration")
                .tag("kind", "quote")
                .description("time to compute a TCO calculation")
                .register(meters);
        this.invalid = meters.counter("calculations", "outcome", "invalid");
        this.quoted = meters.counter("calculations", "outcome", "quoted");
    }

    @Operation(
            summary = "Compute a TCO comparison without storing it",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = TcoInput.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Quote.class))),
                @ApiResponse(
                        responseCode = "400",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = Problem.class)))
            })
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> quote(@RequestBody byte[] body) {
        TcoInput input;
        try {
            input = TcoInputParser.parse(Json.readTree(body));
        } catch (RuntimeException e) {
            invalid.increment();
            throw e;
        }
        TcoResult result = timer.record(() -> TcoCalculator.calculate(input));
        quoted.increment();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(new Quote(input, result)));
    }
}
