package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.text.Durations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests: counts them, repeats them after 50x/429 as the {@link RetryPolicy} says, and turns transport
 * failures into exit-6 sentences. Knows nothing about tokens or JSON.
 * <p>
 * Every attempt has one deadline for all of it (connect, headers and the whole body): the request timeout, or
 * less when the caller's own deadline comes first. A server that sends its headers and then trickles the body is
 * cut off there, and no answer may be larger than {@link #MAX_BODY_BYTES}.
 */
final class Transport {
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());
    /** Far above any answer of the API (a page of 1,000 resources is a few MB). */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final HttpClient http;
    private final RetryPolicy retry;
    private final FailureMessages failures;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final long maxBody;
    private final AtomicLong requests = new AtomicLong();
    private final String proxyAuthorization;
    private final ProxyEndpoint proxy;

    /** How long an https:// answer may take before the port is suspected of speaking plain HTTP. */
    static final Duration PLAIN_HTTP_SUSPICION = Duration.ofSeconds(1);
    private final boolean tls;
    private volatile boolean plainHttpAsked;

    Transport(ApiConfig config, RetryPolicy retry) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        TlsContexts.create(config.trust()).ifPresent(builder::sslContext);
        ProxyRoute route = config.proxyRoute();
        this.tls = "https".equalsIgnoreCase(config.baseUrl().getScheme());
        route.proxy().ifPresent(p -> builder.proxy(ProxySelector.of(proxyAddress(p, config.baseUrl()))));
        this.proxy = route.proxy().orElse(null);
        // through a CONNECT tunnel the header would reach the management server: https:// goes by the relay
        this.proxyAuthorization = route.proxy().filter(p -> p.hasCredentials() && !tls)
                .map(p -> "Basic " + Base64.getEncoder().encodeToString(
                        (p.login() + ":" + p.password()).getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.http = builder.build();
        this.retry = retry;
        this.failures = new FailureMessages(config, route);
        this.baseUrl = config.baseUrl().toString();
        this.requestTimeout = config.requestTimeout();
        this.maxBody = MAX_BODY_BYTES;
    }

    /** Ends the HTTP client's own thread; no request is sent after this. */
    void close() {
        HttpClientShutdown.shutdown(http);
    }

    long requestCount() {
        return requests.get();
    }

    /** The final answer after retries; a 50x/429 that outlasts the retries ends in exit 6. */
    HttpResponse<String> send(HttpRequest request) {
        return send(request, null);
    }

    /** Like {@link #send(HttpRequest)}, but nothing runs past {@code deadline} (null: only the request timeout). */
    HttpResponse<String> send(HttpRequest request, Instant deadline) {
        int attempt = 0;
        while (true) {
            HttpResponse<String> response = sendOnce(request, deadline);
            int status = response.statusCode();
            if (!isRetryable(status)) {
                return response;
            }
            if (attempt >= retry.retries()) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + baseUrl
                        + " keeps failing: " + request.method() + " " + request.uri().getRawPath() + " answered "
                        + status + " " + HttpStatusText.of(status) + " " + (attempt + 1) + " times");
            }
            attempt++;
            Duration delay = retry.nextDelay();
            if (deadline != null && Instant.now().plus(delay).isAfter(deadline)) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + baseUrl
                        + " keeps failing: " + request.method() + " " + request.uri().getRawPath() + " answered "
                        + status + " " + HttpStatusText.of(status) + " until the time was up");
            }
            LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.uri().getRawPath() + " answered "
                    + status + "; retrying in " + delay.toMillis() + " ms");
            pause(delay);
        }
    }

    static boolean isRetryable(int status) {
        return status == 429 || (status >= 500 && status <= 599);
    }

    private HttpResponse<String> sendOnce(HttpRequest request, Instant deadline) {
        Duration budget = requestTimeout;
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + baseUrl
                        + " did not answer " + request.method() + " " + request.uri().getRawPath() + " in time");
            }
            budget = left.compareTo(budget) < 0 ? left : budget;
        }
        requests.incrementAndGet();
        long started = System.nanoTime();
        CappedBody body = new CappedBody(maxBody);
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(withProxyLogin(request), body);
        try {
            HttpResponse<String> response = awaitNotPlainHttp(future, budget, body)
                    .get(Math.max(1, budget.toMillis() - (System.nanoTime() - started) / 1_000_000), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.uri().getRawPath() + " -> "
                    + response.statusCode() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            if (response.statusCode() == 407 && proxy != null) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the proxy " + proxy.shown() + " ("
                        + proxy.source() + ") " + (proxy.hasCredentials() ? "rejected the login '" + proxy.login() + "'"
                        : "wants a login; give it in the proxy URL (http://user:password@host:port)")
                        + " (407 Proxy Authentication Required)");
            }
            return response;
        } catch (TimeoutException e) {
            body.cancel();
            future.cancel(true);
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + baseUrl
                    + " did not answer within " + Durations.format(budget) + " (" + request.method() + " "
                    + request.uri().getRawPath() + ": the whole answer, body included)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CappedBody.TooLarge) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + baseUrl
                        + " answered " + request.method() + " " + request.uri().getRawPath() + " with more than "
                        + maxBody / (1024 * 1024) + " MB; that is no answer of the API (is the URL right?)", cause);
            }
            if (cause instanceof IOException io) {
                throw failures.of(io);
            }
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "cannot talk to the management server at "
                    + baseUrl + ": " + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()), cause);
        } catch (InterruptedException e) {
            body.cancel();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "interrupted while talking to the management server", e);
        }
    }

    /**
     * A plain HTTP server on an https:// port leaves the TLS hello unanswered until the timeout. When an answer is
     * slower than {@link #PLAIN_HTTP_SUSPICION}, the port is asked once, in plain HTTP, whether that is what it
     * speaks; if so the request ends now with that diagnosis instead of after the timeout.
     */
    private CompletableFuture<HttpResponse<String>> awaitNotPlainHttp(CompletableFuture<HttpResponse<String>> future,
                                                                      Duration budget, CappedBody body)
            throws InterruptedException, ExecutionException {
        if (!tls || plainHttpAsked || budget.compareTo(PLAIN_HTTP_SUSPICION.multipliedBy(2)) < 0) {
            return future;
        }
        try {
            future.get(PLAIN_HTTP_SUSPICION.toMillis(), TimeUnit.MILLISECONDS);
            return future;
        } catch (TimeoutException slow) {
            plainHttpAsked = true;
            if (failures.answersPlainHttp(PLAIN_HTTP_SUSPICION.dividedBy(2))) {
                body.cancel();
                future.cancel(true);
                throw failures.plainHttp();
            }
            return future;
        }
    }

    /**
     * Where the client sends its proxied requests: the proxy itself, or, for an https:// server behind a proxy
     * that wants a login, the {@link ProxyLoginRelay} that adds the login to the CONNECT.
     */
    private InetSocketAddress proxyAddress(ProxyEndpoint p, java.net.URI server) {
        if (!p.hasCredentials() || !tls) {
            return InetSocketAddress.createUnresolved(p.host(), p.port());
        }
        int port = server.getPort() > 0 ? server.getPort() : 443;
        try {
            return new ProxyLoginRelay(p, server.getHost() + ":" + port).address();
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INTERNAL, "cannot open a loopback port for the proxy login", e);
        }
    }

    /** The proxy's login goes with every request, so neither a CONNECT nor a forwarded request meets a 407 first. */
    private HttpRequest withProxyLogin(HttpRequest request) {
        if (proxyAuthorization == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Proxy-Authorization", proxyAuthorization).build();
    }

    private void pause(Duration delay) {
        try {
            retry.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "interrupted while waiting to retry a request", e);
        }
    }
}
