package dev.cbagent.protect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable per-machine state while a batch is protected; frozen into {@link MachineProtection}s at the end. */
final class Tracker {
    static final class State {
        final Machine machine;
        boolean added;
        boolean applied;
        String deploymentState;
        boolean deployed;
        boolean ran;
        String runStatus;
        String error;

        State(Machine machine) {
            this.machine = machine;
        }

        void saw(Application application) {
            if (application != null) {
                deploymentState = application.deploymentState();
                deployed = application.isDeployed();
            }
        }
    }

    private final Map<String, State> states = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();

    Tracker(List<Machine> machines) {
        machines.forEach(m -> states.put(m.resourceId(), new State(m)));
    }

    List<String> ids() {
        return List.copyOf(states.keySet());
    }

    /** The ids of machines without an error. */
    List<String> healthyIds() {
        return states.values().stream().filter(s -> s.error == null).map(s -> s.machine.resourceId()).toList();
    }

    State get(String id) {
        return states.get(id);
    }

    /** Machine names for a message: up to three, then a count. */
    String names(List<String> ids) {
        List<String> names = ids.stream().map(id -> states.get(id).machine.name()).toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    List<MachineProtection> freeze() {
        return states.values().stream().map(s -> new MachineProtection(s.machine, s.added, s.applied,
                s.deploymentState, s.deployed, s.ran, s.runStatus, s.error)).toList();
    }
}
