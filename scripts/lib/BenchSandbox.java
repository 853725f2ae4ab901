// Starts the sandbox management server for scripts/bench-fleet and prints its URL; runs until killed.
// Run as a single-file program: java -cp target/cbagent.jar scripts/lib/BenchSandbox.java
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;

public class BenchSandbox {
    public static void main(String[] args) throws InterruptedException {
        SandboxServer server = SandboxServer.start(SandboxConfig.defaults().withThreads(64));
        System.out.println(server.baseUri());
        System.out.flush();
        Thread.currentThread().join();
    }
}
