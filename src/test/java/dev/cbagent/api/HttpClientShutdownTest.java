package dev.cbagent.api;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpClientShutdownTest {
    @Test
    void a_closed_api_client_leaves_no_selector_thread_that_would_hold_the_jvm_exit() {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.defaults())) {
            List<Thread> before = selectorThreads();
            ApiClient api = new ApiClient(ApiConfig.of(server.baseUri(), "admin", SandboxConfig.DEFAULT_PASSWORD));
            api.login();
            List<Thread> started = selectorThreads().stream().filter(t -> !before.contains(t)).toList();
            assertEquals(1, started.size(), "the client's own selector thread: " + started);
            assertTrue(started.get(0).isAlive());

            api.close();

            assertFalse(started.get(0).isAlive(), "still running after close: " + started.get(0));
        }
    }

    @Test
    void finds_the_selector_thread_of_exactly_the_client_given() throws Exception {
        HttpClient first = HttpClient.newHttpClient();
        HttpClient second = HttpClient.newHttpClient();
        Thread a = HttpClientShutdown.selectorThread(first);
        Thread b = HttpClientShutdown.selectorThread(second);
        assertNotNull(a);
        assertNotNull(b);
        assertTrue(a != b);

        HttpClientShutdown.shutdown(first);

        assertFalse(a.isAlive());
        assertTrue(b.isAlive(), "the other client's thread must go on");
        HttpClientShutdown.shutdown(second);
        assertFalse(b.isAlive());
    }

    @Test
    void at_exit_every_client_of_the_process_loses_its_selector_thread() throws Exception {
        HttpClient first = HttpClient.newHttpClient();
        HttpClient second = HttpClient.newHttpClient();
        Thread a = HttpClientShutdown.selectorThread(first);
        Thread b = HttpClientShutdown.selectorThread(second);
        assertTrue(a.isAlive() && b.isAlive());

        HttpClientShutdown.shutdownAll();

        assertFalse(a.isAlive(), "still running: " + a);
        assertFalse(b.isAlive(), "still running: " + b);
        assertEquals(List.of(), selectorThreads());
    }

    @Test
    void only_the_http_clients_selector_threads_count() {
        assertTrue(HttpClientShutdown.isSelector("HttpClient-12-SelectorManager"));
        for (String other : List.of("HttpClient-SelectorManager", "HttpClient--SelectorManager",
                "HttpClient-1x-SelectorManager", "HttpClient-1-Worker-0", "main", "MyHttpClient-1-SelectorManager")) {
            assertFalse(HttpClientShutdown.isSelector(other), other);
        }
    }

    private static List<Thread> selectorThreads() {
        Thread[] all = new Thread[Thread.activeCount() + 64];
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        int n = root.enumerate(all, true);
        return Arrays.stream(all, 0, n).filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager")).toList();
    }
}
