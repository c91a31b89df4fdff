package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * No blocking call on a thread that must never wait: the event loops of Reactor Netty (HTTP server and client,
 * PostgreSQL's R2DBC connections), Lettuce's event loops and Reactor's parallel scheduler. While requests run through
 * every layer (filters, the access log, security with a JWT, the calculator, PostgreSQL, Redis, problem answers), a
 * JFR recording in this JVM notes every file read or write, sleep, monitor wait and park longer than
 * {@link #PARK_THRESHOLD} on those threads; the test fails on any. (BlockHound is not in the repository this build
 * resolves from; the JDK's own events see the same calls.) Each request is served once before recording, and class
 * loading is left out: reading a class from its jar happens once per JVM, it is start-up work, not serving.
 */
class EventLoopBlockingTest extends ServiceTest {
    private static final List<String> NON_BLOCKING_THREADS = List.of(
            "reactor-http-",
            "webflux-http-", // the server's own loops when Reactor Netty's global resources are off, as in tests
            "reactor-tcp-",
            "lettuce-epollEventLoop-",
            "lettuce-nioEventLoop-",
            "lettuce-eventExecutorLoop-",
            "parallel-");
    /** A lock handed over between two threads parks for microseconds; a wait for I/O or for other work is longer. */
    private static final Duration PARK_THRESHOLD = Duration.ofMillis(1);

    @Test
    void servingRequestsNeverBlocksAnEventLoop() throws IOException {
        exerciseEveryPath();
        List<RecordedEvent> events;
        // Under Surefire, System.out is a pipe that another thread flushes; in a container it is a file descriptor
        // written by the logging thread. Log lines go to a file here, as they do there (the JDK's own System.out
        // is a PrintStream on a small buffer over the descriptor, flushed at every line).
        PrintStream surefire = System.out;
        Path stdout = Files.createTempFile("event-loop-blocking", ".log");
        try (Recording recording = new Recording();
                PrintStream descriptor =
                        new PrintStream(new BufferedOutputStream(new FileOutputStream(stdout.toFile()), 128), true)) {
            System.setOut(descriptor);
            for (String event : List.of("jdk.FileRead", "jdk.FileWrite", "jdk.ThreadSleep", "jdk.JavaMonitorWait")) {
                recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.enable("jdk.ThreadPark").withThreshold(PARK_THRESHOLD).withStackTrace();
            recording.start();
            for (int i = 0; i < 20; i++) {
                exerciseEveryPath();
            }
            recording.stop();
            Path file = Files.createTempFile("event-loop-blocking", ".jfr");
            try {
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            System.setOut(surefire);
            Files.deleteIfExists(stdout);
        }
        List<String> blocking = events.stream()
                .filter(EventLoopBlockingTest::onANonBlockingThread)
                .filter(e -> !idleWait(e) && !classLoading(e) && !timerQueue(e))
                .map(EventLoopBlockingTest::describe)
                .toList();
        assertThat(blocking).as("blocking calls on event-loop threads").isEmpty();
    }

    private void exerciseEveryPath() {
        String token = TestTokens.token("blocking-check");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isOk();
        String location = client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(String.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        for (int read = 0; read < 2; read++) { // a cache miss (PostgreSQL), then a hit (Redis)
            getAs("blocking-check", location).exchange().expectStatus().isOk();
        }
        getAs("blocking-check", location + "/cashflows.csv")
                .exchange()
                .expectStatus()
                .isOk();
        getAs("blocking-check", "/api/v1/calculations?limit=5")
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currency\":")
                .exchange()
                .expectStatus()
                .isBadRequest();
        client.get().uri("/api/v1/calculations").exchange().expectStatus().isUnauthorized();
        client.get().uri("/no/such/path").exchange().expectStatus().isNotFound();
    }

    private static boolean onANonBlockingThread(RecordedEvent event) {
        if (event.getThread() == null || event.getThread().getJavaName() == null) {
            return false;
        }
        String name = event.getThread().getJavaName();
        return NON_BLOCKING_THREADS.stream().anyMatch(name::startsWith);
    }

    /** A scheduler worker waiting for its next task is idle, not blocked. */
    private static boolean idleWait(RecordedEvent event) {
        return event.getStackTrace() != null
                && event.getStackTrace().getFrames().stream()
                        .anyMatch(
                                f -> f.getMethod().getType().getName().equals("java.util.concurrent.ThreadPoolExecutor")
                                        && f.getMethod().getName().equals("getTask"));
    }

    /**
     * Reactor's timers ({@code timeout}, {@code delay}: the request deadline, resilience4j's time limiter) schedule
     * and cancel tasks in a ScheduledThreadPoolExecutor, whose queue is guarded by a lock held for a few
     * instructions; on a loaded machine a descheduled holder can make an event loop wait for it. Reactor's own
     * BlockHound integration allows this queue's offer and take for that reason; cancelling (remove) takes the same
     * lock as briefly.
     */
    private static boolean timerQueue(RecordedEvent event) {
        return event.getEventType().getName().equals("jdk.ThreadPark")
                && event.getStackTrace() != null
                && event.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod()
                                .getType()
                                .getName()
                                .equals("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue"));
    }

    /** Loading a class reads its jar once per JVM; the first pass above loads most, a rarer branch may load later. */
    private static boolean classLoading(RecordedEvent event) {
        return event.getStackTrace() != null
                && event.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getName().equals("loadClass")
                                && f.getMethod().getType().getName().endsWith("ClassLoader"));
    }

    private static String describe(RecordedEvent event) {
        String stack = event.getStackTrace() == null
                ? "(no stack)"
                : event.getStackTrace().getFrames().stream()
                        .limit(12)
                        .map(EventLoopBlockingTest::frame)
                        .collect(Collectors.joining("\n      "));
        return event.getEventType().getName() + " on " + event.getThread().getJavaName() + " for "
                + event.getDuration().toNanos() / 1000 + " us\n      " + stack;
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }
}
