/**
 * A local stand-in for the Cyber Backup management server, for demos, users' CI and our tests.
 *
 * <h2>Contract for the fake vendor tools</h2>
 * <ul>
 *   <li>{@code POST /sandbox/v1/agents}, {@code Content-Type: application/json}, body
 *       {@code {"name", "token", "login", "password", "tenant", "storageNode", "os", "instanceId", "agentId"}} (only
 *       {@code name} required; unknown fields answer 400). A valid token, or the admin login and password, or neither
 *       while {@code anonymousRegistration} is on (default) -> 201 {@code {"resource_id", "agent_id", "created",
 *       "takenOver"}}. A token or login that is present but wrong -> 401
 *       {@code {"error": {"code", "message", "context", "domain"}}}.
 *       {@code instanceId}/{@code agentId} are the identity the agent already holds ({@code InstanceID},
 *       {@code MMSCurrentMachineID}). When {@code instanceId} names a live (not soft-deleted) registered machine
 *       (any case, braces allowed), that machine is taken over: same resource and agent id, the new name,
 *       {@code updated_at} now, online after {@code onlineAfterMs}; {@code created: false, takenOver: true} (what a
 *       clone of a registered image does to the original, and what an agent registering again does to its own
 *       machine). Otherwise — no id, an unknown id, a deleted machine's id
 *       — a new machine with new ids, whatever other machines have the same name.</li>
 *   <li>{@code DELETE /sandbox/v1/machines/{resource id}} soft-deletes that machine ({@code deleted_at}, any case of
 *       the id) -> 200 {@code {"resource_id"}}; 404 when no live registered machine has it.</li>
 *   <li>{@code DELETE /sandbox/v1/agents/{url-encoded name}} soft-deletes the newest live registered machine with
 *       that name (or that short name of an FQDN) -> 200 {@code {"resource_id"}}; 404 when there is none.</li>
 *   <li>{@code POST /sandbox/v1/machines} {@code {"name", "kind": "stale"|"twin"}} -> 201
 *       {@code {"resource_id", "agent_id"}}: a stale machine is offline and was registered three days ago
 *       ({@code created_at} = {@code updated_at}); a twin is live and online (created a day ago, updated an hour
 *       ago). Both have their own ids, count as registered machines (a stale one can be taken over) and add no
 *       registration.</li>
 *   <li>{@code POST /sandbox/v1/resources} stores raw resource JSON (an object or an array) exactly as given.</li>
 *   <li>{@code POST /sandbox/v1/policies} adds protection plans ({@code {"name", "id", "type", "enabled"}}, or an
 *       array); {@code POST /sandbox/v1/groups} adds empty static groups ({@code {"name", "id"}}).</li>
 *   <li>{@code GET|POST /sandbox/v1/faults}: {@code fail503, dropConnections, tokenTtl (s), slowMs, appearAfterMs,
 *       onlineAfterMs, neverOnline, revokeTokens, deployAfterMs, neverDeployed, applyIssues, runTakesMs, runFails,
 *       upperCaseFields, trimLists, requireLimit, fqdnDomain} (see {@link dev.cbagent.sandbox.Faults}).</li>
 *   <li>{@code GET /sandbox/v1/state}: {@code requests.total}, {@code requests.byPath} (API paths),
 *       {@code requests.peakInFlight} (the most API requests answered at one time),
 *       {@code resources, machines, registeredAgents, registrations, takeovers, tasks, groups, policies,
 *       policyApplications, tokensIssued, faults}.</li>
 * </ul>
 * Every request with a body to {@code /api/...} or {@code /sandbox/v1/...} must say
 * {@code Content-Type: application/json} (parameters allowed), else 415 with the guide's error body.
 * {@code GET /api/v1/resources/{id}} finds an id in any case (and in braces); a soft-deleted machine is answered
 * 200 with {@code deleted_at} set, as the guide defines {@code deleted_at} (2.10.1.1): only an id that never
 * existed is 404. Lists show soft-deleted machines too. Filters on {@code id} and {@code *_id} fields ignore case.
 * The fake tools keep the agent identity in {@code <root>/etc/Acronis/BackupAndRecovery.config}
 * ({@link dev.cbagent.sandbox.fake.AgentConfigFile}; root {@code CBAGENT_AGENT_ROOT}, else {@code CBAGENT_FAKE_ROOT}).
 * The API subset ({@code /idp/token}, {@code /api/v1/resources|tasks|activities[/{id}]}, {@code POST /api/v1/groups},
 * {@code PATCH /api/v1/groups/{id}/resources}, {@code GET /api/v1/policies[/{id}]},
 * {@code GET|POST /api/v1/policy_applications}, {@code POST /api/v1/policy_applications:run}) follows the vendor
 * guide.
 */
package dev.cbagent.sandbox;
