package io.drplatform.tco.calculation;

import io.drplatform.tco.calculator.TcoCalculator;
import io.drplatform.tco.calculator.TcoInput;
import io.drplatform.tco.calculator.TcoResult;
import io.drplatform.tco.problem.ApiException;
import io.drplatform.tco.problem.ProblemType;
import io.drplatform.tco.region.RegionProperties;
import io.drplatform.tco.region.WriteGuard;
import io.drplatform.tco.web.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Stores, replays and reads calculations; owns the idempotency rules and the cache policy. */
@Service
public class CalculationService {
    private static final Logger log = LoggerFactory.getLogger(CalculationService.class);
    // One digest per thread: MessageDigest.getInstance looks the provider up (and instantiates it reflectively)
    // on every call.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(CalculationService::newSha256);

    /** What POST returns: the rendered document and whether it is a replay of an earlier request. */
    public record Created(UUID id, String document, boolean replayed) {}

    private final CalculationRepository repository;
    private final CalculationCache cache;
    private final WriteGuard writeGuard;
    private final io.drplatform.tco.region.RegionRole regionRole;
    private final String region;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer timer;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public CalculationService(
            CalculationRepository repository,
            CalculationCache cache,
            WriteGuard writeGuard,
            io.drplatform.tco.region.RegionRole regionRole,
            RegionProperties region,
            MeterRegistry meters) {
        this.regionRole = regionRole;
        this.repository = repository;
        this.cache = cache;
        this.writeGuard = writeGuard;
        this.region = region.region();
        this.clock = Clock.systemUTC();
        this.meters = meters;
        this.timer = Timer.builder("calculation.duration")
                .tag("kind", "calculation")
                .description("time to compute a TCO calculation")
                .register(meters);
    }

    public Mono<Created> create(String owner, TcoInput input, String idempotencyKey) {
        String inputJson = new String(Json.write(input), StandardCharsets.UTF_8);
        String hash = sha256(inputJson);
        Mono<Created> fresh = Mono.defer(() -> {
            TcoResult result = timer.record(() -> TcoCalculator.calculate(input));
            // PostgreSQL keeps microseconds; truncating here makes the POST and GET documents identical.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            UUID id = CalculationIds.next();
            var stored = new StoredCalculation(
                    id,
                    owner,
                    now,
                    region,
                    idempotencyKey,
                    hash,
                    inputJson,
                    new String(Json.write(result), StandardCharsets.UTF_8));
            String document = render(new Calculation(id, now, region, input, result));
            return repository
                    .insert(stored)
                    .doOnNext(inserted -> log.info("stored calculation {}", inserted))
                    .flatMap(inserted -> cache.put(owner, id, document).thenReturn(new Created(id, document, false)))
                    // Empty: the key was taken between our lookup and the insert (answer like a replay), or the fence
                    // names another region.
                    .switchIfEmpty(
                            Mono.defer(() -> idempotencyKey == null ? fenced() : replay(owner, idempotencyKey, hash)));
        });
        Mono<Created> outcome = idempotencyKey == null
                ? fresh
                : repository
                        .findByIdempotencyKey(owner, idempotencyKey)
                        .map(existing -> replayOf(existing, hash))
                        .switchIfEmpty(fresh);
        return writeGuard
                .checkWritable()
                .then(outcome)
                .doOnSuccess(c -> count(c == null ? "error" : c.replayed() ? "replayed" : "created"))
                .doOnError(e -> count(e instanceof ApiException a ? a.type().slug() : "error"));
    }

    private Mono<Created> replay(String owner, String key, String hash) {
        return repository
                .findByIdempotencyKey(owner, key)
                .map(existing -> replayOf(existing, hash))
                .switchIfEmpty(Mono.defer(this::fenced));
    }

    private Mono<Created> fenced() {
        regionRole.invalidate();
        return Mono.error(new ApiException(
                ProblemType.READ_ONLY,
                "this region is fenced after a failover and does not accept writes",
                java.time.Duration.ofSeconds(30)));
    }

    private Created replayOf(StoredCalculation existing, String hash) {
        if (!existing.requestHash().equals(hash)) {
            throw new ApiException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used with a different request body");
        }
        return new Created(existing.id(), render(existing), true);
    }

    /** The caller's calculation as a JSON document, from the cache or PostgreSQL (then cached). */
    public Mono<String> document(String owner, UUID id) {
        return cache.get(owner, id)
                .switchIfEmpty(Mono.defer(() -> repository.findById(owner, id).flatMap(stored -> {
                    String doc = render(stored);
                    return cache.put(owner, id, doc).thenReturn(doc);
                })))
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.NOT_FOUND, "no such calculation")));
    }

    /** The caller's calculation as an object (for the CSV export). */
    public Mono<Calculation> calculation(String owner, UUID id) {
        return document(owner, id).map(doc -> Json.read(doc, Calculation.class));
    }

    public Mono<CalculationPage> page(String owner, String cursor, int limit) {
        Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor);
        return repository.page(owner, after, limit + 1).map(rows -> {
            List<CalculationPage.Summary> items = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                StoredCalculation s = rows.get(i);
                TcoInput in = Json.read(s.inputJson(), TcoInput.class);
                TcoResult r = Json.read(s.resultJson(), TcoResult.class);
                items.add(new CalculationPage.Summary(
                        s.id(),
                        s.createdAt(),
                        s.region(),
                        in.currency(),
                        in.analysisYears(),
                        r.savings(),
                        r.savingsPercent(),
                        r.paybackYears()));
            }
            String next = null;
            if (rows.size() > limit) {
                StoredCalculation last = rows.get(limit - 1);
                next = new Cursor(last.createdAt(), last.id()).encode();
            }
            return new CalculationPage(items, next);
        });
    }

    private static String render(StoredCalculation s) {
        return render(new Calculation(
                s.id(),
                s.createdAt(),
                s.region(),
                Json.read(s.inputJson(), TcoInput.class),
                Json.read(s.resultJson(), TcoResult.class)));
    }

    private static String render(Calculation c) {
        return new String(Json.write(c), StandardCharsets.UTF_8);
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> meters.counter("calculations", "outcome", o))
                .increment();
    }

    private static String sha256(String s) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
