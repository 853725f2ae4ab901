package dev.cbagent.fleet;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Catches SIGINT and SIGTERM for the length of a run, so that Ctrl-C or {@code kill} stops the run and cbagent
 * still ends the ordinary way (reports written, exit code 7) instead of the JVM exiting with 130/143. The first
 * signal calls {@code onSignal} and puts the JVM's own handlers back, so a second one ends the process at once.
 * Uses {@code sun.misc.Signal} (module jdk.unsupported) by reflection; where it is missing, {@link #install}
 * returns a trap that caught nothing and the shutdown hook of {@link FleetRun} remains the fallback.
 */
final class SignalTrap implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Object[]> previous = new ArrayList<>();
    private Method handle;
    private volatile boolean fired;

    private SignalTrap() {
    }

    static SignalTrap install(Runnable onSignal) {
        SignalTrap trap = new SignalTrap();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> signal = signalClass.getConstructor(String.class);
            trap.handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(SignalTrap.class.getClassLoader(), new Class<?>[]{handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            trap.fire(onSignal);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "cbagent fleet signal trap";
                    });
            for (String name : SIGNALS) {
                Object sig = signal.newInstance(name);
                trap.previous.add(new Object[]{sig, trap.handle.invoke(null, sig, handler)});
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
            trap.close();
        }
        return trap;
    }

    /** Whether a signal arrived. */
    boolean fired() {
        return fired;
    }

    private void fire(Runnable onSignal) {
        if (fired) {
            return;
        }
        fired = true;
        close();
        onSignal.run();
    }

    /** Puts the JVM's handlers back. */
    @Override
    public synchronized void close() {
        for (Object[] p : previous) {
            try {
                handle.invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // nothing better to do: the JVM keeps our handler, which only stops an already stopped run
            }
        }
        previous.clear();
    }
}
