package dev.cbagent.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body read as text, but never more than {@code maxBytes}: a larger answer cancels the exchange (the
 * connection is closed) and fails with {@link TooLarge}. {@link #cancel()} stops a body that is still arriving.
 */
final class CappedBody implements HttpResponse.BodyHandler<String> {
    private final long maxBytes;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean cancelled;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The answer was larger than the cap. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("the answer is larger than " + maxBytes / (1024 * 1024) + " MB");
        }
    }

    /** Stops reading (the deadline passed): the exchange is cancelled and its connection closed. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
        Charset charset = charsetOf(info.headers().firstValue("Content-Type").orElse(""));
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Subscriber(charset, declared);
    }

    private static Charset charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Charset charset;
        private final long declared;

        Subscriber(Charset charset, long declared) {
            this.charset = charset;
            this.declared = declared;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (cancelled) {
                s.cancel();
                result.completeExceptionally(new IOException("cancelled"));
                return;
            }
            if (declared > maxBytes) {
                s.cancel();
                result.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.get().cancel();
                    result.completeExceptionally(new TooLarge(maxBytes));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(charset));
        }
    }
}
