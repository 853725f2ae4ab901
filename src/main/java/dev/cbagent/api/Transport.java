package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests: counts them, repeats them after 50x/429 as the {@link RetryPolicy} says, and turns transport
 * failures into exit-6 sentences. Knows nothing about tokens or JSON.
 */
final class Transport {
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());

    private final HttpClient http;
    private final RetryPolicy retry;
    private final FailureMessages failures;
    private final String baseUrl;
    private final AtomicLong requests = new AtomicLong();

    Transport(ApiConfig config, RetryPolicy retry) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        TlsContexts.create(config.trust()).ifPresent(builder::sslContext);
        this.http = builder.build();
        this.retry = retry;
        this.failures = new FailureMessages(config);
        this.baseUrl = config.baseUrl().toString();
    }

    long requestCount() {
        return requests.get();
    }

    /** The final answer after retries; a 50x/429 that outlasts the retries ends in exit 6. */
    HttpResponse<String> send(HttpRequest request) {
        int attempt = 0;
        while (true) {
            HttpResponse<String> response = sendOnce(request);
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
            LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.uri().getRawPath() + " answered "
                    + status + "; retrying in " + delay.toMillis() + " ms");
            pause(delay);
        }
    }

    static boolean isRetryable(int status) {
        return status == 429 || (status >= 500 && status <= 599);
    }

    private HttpResponse<String> sendOnce(HttpRequest request) {
        requests.incrementAndGet();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.uri().getRawPath() + " -> "
                    + response.statusCode() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return response;
        } catch (IOException e) {
            throw failures.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "interrupted while talking to the management server", e);
        }
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
