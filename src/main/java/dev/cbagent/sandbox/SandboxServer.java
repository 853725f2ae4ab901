package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the management server: the API subset of the vendor guide plus the sandbox's own
 * registration and fault endpoints. Start it with {@link #start(SandboxConfig)}, stop it with {@link #close()}.
 */
public final class SandboxServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SandboxServer.class.getName());
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final SandboxConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final TokenStore tokens;
    private final FaultSwitches faults;
    private final Inventory inventory;
    private final RequestStats stats = new RequestStats();
    private final Registrar registrar;
    private final IdpEndpoint idp;
    private final ApiEndpoints api;
    private final ControlEndpoints control;
    private final SandboxGroups groups;
    private final SandboxPolicies policies;

    private SandboxServer(SandboxConfig config) throws IOException {
        this.config = config;
        this.tokens = new TokenStore(config.clock());
        this.faults = new FaultSwitches(config.faults(), config.tokenTtl(), tokens);
        this.inventory = new Inventory(json);
        this.registrar = new Registrar(config, inventory, faults);
        this.idp = new IdpEndpoint(config, tokens, faults);
        this.groups = new SandboxGroups(json, inventory, config.tenantId());
        this.policies = new SandboxPolicies(json, inventory, groups, config.tenantId());
        this.api = new ApiEndpoints(inventory, tokens, faults, config.clock(),
                new ProtectionEndpoints(groups, policies, faults, config.clock()));
        this.control = new ControlEndpoints(json, registrar, inventory, faults, stats, tokens, config.clock(),
                groups, policies, config.tenantId());
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        if (config.tls() != null) {
            HttpsServer https = HttpsServer.create(address, 512);
            https.setHttpsConfigurator(new HttpsConfigurator(config.tls()));
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 512);
        }
        this.executor = Executors.newFixedThreadPool(config.threads(), threads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds and starts serving; the port is known once this returns. */
    public static SandboxServer start(SandboxConfig config) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every sequential request costs ~40 ms. The JDK reads this once, before its first server starts; it only
        // concerns com.sun.net.httpserver, which nothing but the sandbox uses.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            SandboxServer sandbox = new SandboxServer(config);
            sandbox.server.start();
            LOG.log(System.Logger.Level.DEBUG, () -> "sandbox management server listening at " + sandbox.baseUri());
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox server on " + config.bindAddress().getHostAddress()
                    + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http(s)://127.0.0.1:<port>} — the management server address for the client and the fake tools. */
    public URI baseUri() {
        String host = config.bindAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((config.tls() != null ? "https" : "http") + "://" + host + ":" + port());
    }

    public SandboxConfig config() {
        return config;
    }

    /** The live fault switches (the same as {@code POST /sandbox/v1/faults}). */
    public FaultSwitches faults() {
        return faults;
    }

    /** Registers an agent as {@code POST /sandbox/v1/agents} does; a refusal throws IllegalArgumentException. */
    public RegisteredAgent registerAgent(AgentRegistration request) {
        try {
            return registrar.register(request);
        } catch (SandboxRejection e) {
            throw new IllegalArgumentException(e.getStatus() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds an offline machine with this name, registered days ago ({@code created_at} and {@code updated_at} three
     * days back, {@code is_online} 0) with its own ids: what a re-imaged machine or a reused host name leaves
     * behind. No registration is counted. As {@code POST /sandbox/v1/machines {"name", "kind": "stale"}}.
     */
    public MachineIds seedStale(String name) {
        return seed(name, Inventory.SeedKind.STALE);
    }

    /**
     * Adds a live, online machine with this name and its own ids ({@code created_at} a day back, {@code updated_at}
     * an hour back): another machine that happens to share the name. No registration is counted. As
     * {@code POST /sandbox/v1/machines {"name", "kind": "twin"}}.
     */
    public MachineIds seedTwin(String name) {
        return seed(name, Inventory.SeedKind.TWIN);
    }

    private MachineIds seed(String name, Inventory.SeedKind kind) {
        try {
            return inventory.seedAgent(name, kind, config.tenantId(), config.clock().instant(), faults.fqdnDomain());
        } catch (SandboxRejection e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** List items without {@code agent_id} and {@code attributes} (the fault {@code trimLists}). */
    public void setTrimLists(boolean on) {
        faults.setTrimLists(on);
    }

    /** Registered short names are stored as {@code name.<domain>} (the fault {@code fqdnDomain}); null: off. */
    public void setFqdnDomain(String domain) {
        faults.setFqdnDomain(domain);
    }

    /** A list request with {@code after}/{@code before} but without {@code limit} answers 400 ({@code requireLimit}). */
    public void setRequireLimit(boolean on) {
        faults.setRequireLimit(on);
    }

    /**
     * A resource as {@code GET /api/v1/resources/{id}} shows it now (any case of the id; soft-deleted ones with
     * {@code deleted_at} set), or empty when there is none (or it is not visible yet).
     */
    public java.util.Optional<ObjectNode> machine(String id) {
        java.time.Instant now = config.clock().instant();
        return inventory.resource(id, now).map(r -> r.render(now, faults.neverOnline()));
    }

    /** Every resource with this name (any case), as {@code GET /api/v1/resources/{id}} shows each now, oldest first. */
    public java.util.List<ObjectNode> machinesNamed(String name) {
        java.time.Instant now = config.clock().instant();
        return inventory.visibleResources(now).stream().filter(r -> r.name().equalsIgnoreCase(name))
                .map(r -> r.render(now, faults.neverOnline())).toList();
    }

    /** Adds a protection plan (as {@code POST /sandbox/v1/policies} does); its id. */
    public String addPlan(String name) {
        return policies.add(json.createObjectNode().put("name", name), config.clock().instant()).path("id").asText();
    }

    /** Adds an empty static group (as {@code POST /sandbox/v1/groups} does); its id. */
    public String addStaticGroup(String name) {
        return groups.seed(name, null, config.clock().instant()).path("id").asText();
    }

    /** The names of the machines in the group with this name; empty when there is no such group. */
    public java.util.List<String> groupMembers(String groupName) {
        java.time.Instant now = config.clock().instant();
        return groups.byName(groupName, now).map(g -> groups.members(g.id(), now).stream().map(StoredResource::name)
                .toList()).orElse(java.util.List.of());
    }

    /** API requests served for a path ({@code /idp/token}, {@code /api/v1/resources}, ...). */
    public long apiRequests(String path) {
        return stats.apiRequests(path);
    }

    /** API requests served in all. */
    public long apiRequests() {
        return stats.apiRequests();
    }

    /** The most API requests that were being answered at one time. */
    public int apiPeakInFlight() {
        return stats.apiPeakInFlight();
    }

    /** What {@code GET /sandbox/v1/state} answers. */
    public ObjectNode state() {
        return control.state();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange http) {
        Exchange exchange = new Exchange(http, json);
        String path = exchange.path();
        stats.count(path);
        try {
            boolean controlPath = path.startsWith(ControlEndpoints.PREFIX);
            if (!path.startsWith(ControlEndpoints.PREFIX + "faults") && !path.startsWith(ControlEndpoints.PREFIX + "state")) {
                delay(faults.slowMs());
            }
            if (RequestStats.isApi(path) && faults.takeDrop()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "sandbox: dropping the connection of " + path + " (fault)");
                exchange.dropAfterHeaders();
                return;
            }
            if (RequestStats.isApi(path) && faults.take503()) {
                throw new SandboxRejection(503, "the service is temporarily unavailable (sandbox fault)");
            }
            if ((path.startsWith("/api/") || controlPath) && exchange.hasBody() && !exchange.isJson()) {
                throw new SandboxRejection(415, "the body must be sent with Content-Type: application/json, got "
                        + (exchange.header("Content-Type") == null ? "none" : "'" + exchange.header("Content-Type") + "'"));
            }
            if (path.startsWith("/api/") && faults.requireLimit()) {
                ListRequest.requireLimitWithCursor(exchange.rawQuery());
            }
            if (path.startsWith("/idp/")) {
                idp.handle(exchange);
            } else if (path.startsWith("/api/")) {
                api.handle(exchange);
            } else if (controlPath) {
                control.handle(exchange);
            } else {
                throw new SandboxRejection(404, "no such endpoint: " + path);
            }
        } catch (SandboxRejection e) {
            answerError(exchange, e.getStatus(), e.getMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sandbox: the client went away", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox: internal error", e);
            answerError(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
            stats.finished(path);
        }
    }

    private static void answerError(Exchange exchange, int status, String message) {
        try {
            exchange.sendError(status, message);
        } catch (IOException | RuntimeException ignored) {
            // the client went away, or headers were already sent
        }
    }

    private static void delay(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
