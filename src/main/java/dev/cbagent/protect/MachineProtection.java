package dev.cbagent.protect;

/**
 * What protection did (or, in a preview, would do) for one machine.
 *
 * @param machine         the machine
 * @param added           added to the group now
 * @param applied         the plan applied to it now (not when it was already, or came through the group)
 * @param deploymentState the last deployment state seen; null when none was shown
 * @param deployed        the plan is deployed on it
 * @param ran             a run started now finished
 * @param runStatus       the status that run ended with; null when there was none
 * @param error           why this machine is not protected as asked; null when it is
 */
public record MachineProtection(Machine machine, boolean added, boolean applied, String deploymentState,
                                boolean deployed, boolean ran, String runStatus, String error) {
    public boolean changed() {
        return added || applied || ran;
    }

    public boolean failed() {
        return error != null;
    }
}
