/**
 * A local stand-in for the Cyber Backup management server, for demos, users' CI and our tests.
 *
 * <h2>Contract for the fake vendor tools</h2>
 * <ul>
 *   <li>{@code POST /sandbox/v1/agents}, {@code Content-Type: application/json}, body
 *       {@code {"name", "token", "login", "password", "tenant", "storageNode", "os"}} (only {@code name} required;
 *       unknown fields answer 400). A valid token, or the admin login and password, or neither while
 *       {@code anonymousRegistration} is on (default) -> 201 {@code {"resource_id", "agent_id", "created"}}.
 *       A token or login that is present but wrong -> 401 {@code {"error": {"code", "message", "context", "domain"}}}.
 *       The same name again (any case) reuses the machine (same ids, {@code created: false}, un-deletes it).</li>
 *   <li>{@code DELETE /sandbox/v1/agents/{url-encoded name}} soft-deletes ({@code deleted_at}) -> 200
 *       {@code {"resource_id"}}; 404 when no registered agent has that name.</li>
 *   <li>{@code POST /sandbox/v1/resources} stores raw resource JSON (an object or an array) as given.</li>
 *   <li>{@code POST /sandbox/v1/policies} adds protection plans ({@code {"name", "id", "type", "enabled"}}, or an
 *       array); {@code POST /sandbox/v1/groups} adds empty static groups ({@code {"name", "id"}}).</li>
 *   <li>{@code GET|POST /sandbox/v1/faults}: {@code fail503, tokenTtl (s), slowMs, appearAfterMs, onlineAfterMs,
 *       neverOnline, revokeTokens, deployAfterMs, neverDeployed, applyIssues, runTakesMs, runFails,
 *       upperCaseFields}.</li>
 *   <li>{@code GET /sandbox/v1/state}: {@code requests.total}, {@code requests.byPath} (API paths),
 *       {@code resources, machines, registeredAgents, registrations, tasks, groups, policies, policyApplications,
 *       tokensIssued, faults}.</li>
 * </ul>
 * The API subset ({@code /idp/token}, {@code /api/v1/resources|tasks|activities[/{id}]}, {@code POST /api/v1/groups},
 * {@code PATCH /api/v1/groups/{id}/resources}, {@code GET /api/v1/policies[/{id}]},
 * {@code GET|POST /api/v1/policy_applications}, {@code POST /api/v1/policy_applications:run}) follows the vendor
 * guide.
 */
package dev.cbagent.sandbox;
