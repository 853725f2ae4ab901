package dev.cbagent.workflow;

/**
 * How to carry out an action: {@code dryRun} runs nothing (but still asks the API whether anything would change),
 * {@code verify} confirms through the API, {@code force} acts even when the machine is already registered,
 * {@code checkPrivileges} refuses to install without root/Administrator.
 */
public record EnrolOptions(boolean dryRun, boolean verify, boolean force, boolean checkPrivileges) {
}
