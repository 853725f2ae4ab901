package dev.cbagent.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends an {@link HttpClient}'s selector thread. That thread waits in {@code epoll_wait}, native code, and while any
 * thread is in native code the JVM's exit waits 300 ms for it (HotSpot's {@code VM_Exit}): every command that used
 * the API would end that much later. Java 21 and later close the client itself; Java 17's has no {@code close()}, so
 * its selector thread, named {@code HttpClient-<id>-SelectorManager} after the id that the client's
 * {@code toString()} ends with, is interrupted: it then closes the selector and ends.
 */
public final class HttpClientShutdown {
    private static final String PREFIX = "HttpClient-";
    private static final String SUFFIX = "-SelectorManager";
    private static final Duration WAIT = Duration.ofSeconds(1);

    private HttpClientShutdown() {
    }

    static void shutdown(HttpClient http) {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort: the process is about to end
            }
            return;
        }
        Thread selector = selectorThread(http);
        if (selector == null) {
            return;
        }
        selector.interrupt();
        try {
            selector.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the selector thread of every HTTP client the process made, before it exits: however a command used the
     * API (a verification, a doctor check, a protection stage), it ends as soon as its result is written.
     */
    public static void shutdownAll() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Thread selector : threads()) {
            if (isSelector(selector.getName())) {
                selector.interrupt();
                try {
                    selector.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The client's selector thread, or null when it has none (ended already, or another JDK's naming). */
    static Thread selectorThread(HttpClient http) {
        Matcher id = Pattern.compile("\\((\\d+)\\)$").matcher(http.toString());
        if (!id.find()) {
            return null;
        }
        String name = PREFIX + id.group(1) + SUFFIX;
        for (Thread thread : threads()) {
            if (name.equals(thread.getName())) {
                return thread;
            }
        }
        return null;
    }

    // Plain string checks: Main calls shutdownAll at the end of every command, also those that made no client, so
    // nothing here may compile a regular expression when the class loads.
    static boolean isSelector(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.length() <= PREFIX.length() + SUFFIX.length()) {
            return false;
        }
        for (int i = PREFIX.length(); i < name.length() - SUFFIX.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.List<Thread> threads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        return java.util.Arrays.asList(threads).subList(0, n);
    }
}
