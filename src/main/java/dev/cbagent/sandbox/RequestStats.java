package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served, per path (without the query); API ({@code /idp}, {@code /api}) and sandbox control apart; and
 * the most API requests that were being answered at one time.
 */
final class RequestStats {
    private final Map<String, LongAdder> api = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> control = new ConcurrentHashMap<>();
    private final AtomicInteger apiInFlight = new AtomicInteger();
    private final AtomicInteger apiPeak = new AtomicInteger();

    /** A request arrived; an API request counts as in flight until {@link #finished}. */
    void count(String path) {
        (isApi(path) ? api : control).computeIfAbsent(path, p -> new LongAdder()).increment();
        if (isApi(path)) {
            apiPeak.accumulateAndGet(apiInFlight.incrementAndGet(), Math::max);
        }
    }

    void finished(String path) {
        if (isApi(path)) {
            apiInFlight.decrementAndGet();
        }
    }

    int apiPeakInFlight() {
        return apiPeak.get();
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/idp/");
    }

    long apiRequests(String path) {
        LongAdder adder = api.get(path);
        return adder == null ? 0 : adder.sum();
    }

    long apiRequests() {
        return api.values().stream().mapToLong(LongAdder::sum).sum();
    }

    ObjectNode toJson(ObjectNode node) {
        node.put("total", apiRequests());
        node.put("peakInFlight", apiPeakInFlight());
        ObjectNode byPath = node.putObject("byPath");
        new TreeMap<>(api).forEach((path, n) -> byPath.put(path, n.sum()));
        ObjectNode controlByPath = node.putObject("sandboxByPath");
        new TreeMap<>(control).forEach((path, n) -> controlByPath.put(path, n.sum()));
        return node;
    }
}
