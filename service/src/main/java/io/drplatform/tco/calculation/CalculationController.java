package io.drplatform.tco.calculation;

import io.drplatform.tco.calculator.FieldError;
import io.drplatform.tco.calculator.InvalidInputException;
import io.drplatform.tco.calculator.TcoInput;
import io.drplatform.tco.calculator.TcoInputParser;
import io.drplatform.tco.problem.Problem;
import io.drplatform.tco.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The authenticated calculations API: the JWT subject owns what it stores. */
@RestController
@RequestMapping("/api/v1/calculations")
@SecurityRequirement(name = "bearer")
public class CalculationController {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=utf-8; header=present");

    private final CalculationService service;

    public CalculationController(CalculationService service) {
        this.service = service;
    }

    @Operation(
            summary = "Compute and store a calculation",
            parameters =
                    @Parameter(
                            name = "Idempotency-Key",
                            in = ParameterIn.HEADER,
                            description = "retries with the same key and body return the original calculation"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = TcoInput.class))),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Calculation.class))),
                @ApiResponse(
                        responseCode = "400",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = Problem.class))),
                @ApiResponse(
                        responseCode = "401",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = Problem.class))),
                @ApiResponse(
                        responseCode = "422",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = Problem.class)))
            })
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(hidden = true) @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody byte[] body) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new InvalidInputException(
                    List.of(new FieldError("Idempotency-Key", "must be 1 to 255 visible ASCII characters")));
        }
        TcoInput input = TcoInputParser.parse(Json.readTree(body));
        return service.create(jwt.getSubject(), input, key)
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/calculations/" + created.id()))
                        .header("Idempotent-Replayed", Boolean.toString(created.replayed()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(created.document()));
    }

    @Operation(
            summary = "One of the caller's calculations (another caller's id answers 404)",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Calculation.class))),
                @ApiResponse(
                        responseCode = "404",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = Problem.class)))
            })
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID uuid = parseId(id);
        return service.document(jwt.getSubject(), uuid)
                .map(doc -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(doc));
    }

    @Operation(
            summary = "The caller's calculations, newest first (keyset pagination)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = CalculationPage.class))))
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> list(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        int size = parseLimit(limit);
        return service.page(jwt.getSubject(), cursor, size)
                .map(page -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new String(Json.write(page), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Operation(
            summary = "Yearly cash flows as CSV (RFC 4180)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    @GetMapping(path = "/{id}/cashflows.csv", produces = "text/csv")
    public Mono<ResponseEntity<String>> csv(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID uuid = parseId(id);
        return service.calculation(jwt.getSubject(), uuid)
                .map(c -> ResponseEntity.ok()
                        .contentType(CSV)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename("calculation-" + uuid + "-cashflows.csv")
                                        .build()
                                        .toString())
                        .body(CashFlowCsv.render(c)));
    }

    private static UUID parseId(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // fall through: an id that cannot exist is simply not found
        }
        throw new io.drplatform.tco.problem.ApiException(
                io.drplatform.tco.problem.ProblemType.NOT_FOUND, "no such calculation");
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(List.of(new FieldError("limit", "must be an integer from 1 to 100")));
    }
}
