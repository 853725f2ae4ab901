package dev.cbagent.protect;

/**
 * The group and plan of a {@code protection:} section as found on the server, before anything changes.
 *
 * @param group        the group; null when the section names none, or it is still to be created
 * @param groupMissing the group does not exist yet and will be created
 * @param policy       the plan; null when the section names none
 */
public record ProtectionTargets(GroupRef group, boolean groupMissing, PolicyRef policy) {
}
