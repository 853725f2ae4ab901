package dev.cbagent.profile.schema;

import static dev.cbagent.profile.schema.KeySpec.integer;
import static dev.cbagent.profile.schema.KeySpec.object;
import static dev.cbagent.profile.schema.KeySpec.of;
import static dev.cbagent.profile.schema.KeySpec.oneOf;
import static dev.cbagent.profile.schema.ValueType.BOOLEAN;
import static dev.cbagent.profile.schema.ValueType.DURATION;
import static dev.cbagent.profile.schema.ValueType.SECRET;
import static dev.cbagent.profile.schema.ValueType.STRING;
import static dev.cbagent.profile.schema.ValueType.STRING_LIST;
import static dev.cbagent.profile.schema.ValueType.TEXT_WITH_SECRETS;

/** Every key of a profile (DESIGN.md "Profile"). */
public final class ProfileSchema {
    public static final String API_VERSION = "cbagent/v1";
    public static final String KIND = "AgentProfile";

    private static final KeySpec ROOT = object("", "A cbagent agent profile",
            oneOf("apiVersion", "Profile format version", API_VERSION),
            oneOf("kind", "Document kind", KIND),
            of("extends", STRING, "Base profile (path relative to this file); deep merge, this file wins, lists replace"),
            oneOf("edition", "Product edition (default on-premise)", "on-premise", "cloud"),
            oneOf("platform", "Target platform (default: this machine's)", "windows", "linux", "virtual-appliance"),
            object("installer", "The agent installer",
                    of("path", STRING, "Installer file (.exe on Windows, .bin on Linux)"),
                    of("quiet", BOOLEAN, "Unattended install (--quiet / --auto); default true unless device-flow or registerOnly"),
                    of("language", STRING, "Product language (Windows: en, ru)"),
                    of("logDir", STRING, "Installer log folder (--log-dir)"),
                    of("installationFiles", STRING, "Where installation files are (--installation-files)"),
                    of("skipHttpsCertVerification", BOOLEAN, "Do not verify the server certificate when downloading"),
                    of("skipFileTrustVerification", BOOLEAN, "Do not verify the trust of downloaded files"),
                    integer("downloadAttempts", "Download attempts (--attempts-number)", 1, 100),
                    of("cacheDirectory", STRING, "Local cache folder (--cache-directory)"),
                    of("antiTamperPassword", SECRET, "Anti-tamper password"),
                    of("registerOnly", BOOLEAN, "Skip install, show the registration page (cloud, not quiet)"),
                    of("timeout", DURATION, "How long the installer may run (default 30m)"),
                    of("dialect", STRING, "Own option dialect file, for a release that renamed a flag"),
                    of("tmpDir", STRING, "Linux: temporary folder (--tmp-dir)"),
                    of("strict", BOOLEAN, "Linux: --strict"),
                    of("noDeps", BOOLEAN, "Linux: --nodeps"),
                    of("debug", BOOLEAN, "Linux: --debug"),
                    of("skipPrereqCheck", BOOLEAN, "Linux: --skip-prereq-check"),
                    oneOf("secretsVia", "Linux: pass secrets in argv or in a 0600 --options-file", "argv", "options-file")),
            object("components", "Components to add or remove",
                    of("add", STRING_LIST, "Components to add (Windows names or Linux ids)"),
                    of("remove", STRING_LIST, "Components to remove (Windows)")),
            of("installDir", STRING, "Windows: install folder (--installdir)"),
            object("registration", "How the agent registers with the management server",
                    oneOf("mode", "Registration mode", "skip", "by-credentials", "by-token", "device-flow", "current-user"),
                    of("address", STRING, "Management server URL (on-premise also name or IP)"),
                    of("token", SECRET, "Registration token"),
                    of("login", STRING, "Administrator login"),
                    of("password", SECRET, "Administrator password"),
                    of("tenant", STRING, "Unit id to register into (on-premise)"),
                    oneOf("transport", "Registration transport (on-premise)",
                            "https", "https-ca-system", "https-ca-bundle", "https-pinned-public-key"),
                    of("pinnedPublicKey", STRING, "Pinned public key (on-premise)"),
                    of("script", STRING, "Windows: registration script (--reg-script)"),
                    of("scriptParams", TEXT_WITH_SECRETS, "Windows: registration script parameters, shown as written; the values of the ${env:}/${file:} references inside are masked"),
                    of("toolPath", STRING, "Registration tool (default per platform)"),
                    of("storageNode", BOOLEAN, "Register as a storage node (register tool -s asn)"),
                    oneOf("identity", "A machine carrying another machine's agent identity (a clone): keep refuses "
                            + "with exit 8; reset clears InstanceID and MMSCurrentMachineID, restarts the agent "
                            + "service and registers as a new machine (default keep)", "keep", "reset"),
                    of("serviceRestart", STRING_LIST, "Command (argv) that restarts the agent service after a reset "
                            + "(default: systemctl restart acronis_mms; Windows: net stop MMS, then net start MMS)")),
            object("services", "Windows service accounts",
                    serviceAccount("agent", "Agent service account"),
                    serviceAccount("managementServer", "Management server service account (on-premise)"),
                    serviceAccount("storageNode", "Storage node service account (on-premise)")),
            object("ports", "Windows: management server ports (on-premise)",
                    integer("webServer", "Web console port", 1, 65535),
                    integer("zmq", "TCP port between components", 1, 65535)),
            object("proxy", "Proxy for cloud storage traffic",
                    oneOf("mode", "Proxy mode", "none", "system", "custom"),
                    of("address", STRING, "host:port"),
                    of("login", STRING, "Proxy login"),
                    of("password", SECRET, "Proxy password")),
            object("vcenter", "Windows: vCenter or ESXi the agent protects",
                    of("address", STRING, "vCenter/ESXi host"),
                    of("login", STRING, "vCenter/ESXi login"),
                    of("password", SECRET, "vCenter/ESXi password")),
            object("managementServerDb", "Windows: management server database (on-premise)",
                    oneOf("type", "Database", "built-in", "mssql"),
                    oneOf("auth", "Database authentication (or login + password)", "service-account"),
                    of("login", STRING, "SQL login"),
                    of("password", SECRET, "SQL password"),
                    of("driver", STRING, "ODBC driver"),
                    of("instance", STRING, "SQL Server instance")),
            object("verify", "How cbagent proves the registration through the API",
                    of("apiUrl", STRING, "API base URL (default: scheme, host and port of registration.address)"),
                    of("login", STRING, "API administrator login (default registration.login)"),
                    of("password", SECRET, "API administrator password (default registration.password)"),
                    of("hostname", STRING, "Machine name on the server (default: this machine's name)"),
                    of("timeout", DURATION, "How long to wait for the machine to appear (default 10m)"),
                    of("requireOnline", BOOLEAN, "Also require the agent to be online (default true)"),
                    of("caBundle", STRING, "PEM file with the CA that signed the server certificate"),
                    of("pinnedPublicKey", STRING, "sha256//<base64 SPKI hash> of the server key"),
                    of("insecure", BOOLEAN, "Trust any certificate (loud warning)"),
                    of("proxy", TEXT_WITH_SECRETS, "HTTP proxy for the API: http://host:port (a password only as "
                            + "http://LOGIN:${env:NAME}@host:port), or none; default: https_proxy/http_proxy and no_proxy "
                            + "from the environment")),
            object("protection", "After the registration: put the machine into a group and under a protection plan",
                    of("group", STRING, "Name or id of a static group to add the machine to"),
                    of("createGroup", BOOLEAN, "Create the static group when it does not exist (default false)"),
                    of("plan", STRING, "Name or id of an existing protection plan to apply to the machine"),
                    of("waitDeployed", DURATION, "How long to wait until the plan is deployed (default 10m; 0s: do not wait)"),
                    of("runNow", BOOLEAN, "Start the plan once (unless it already ran) and wait for the run to finish"),
                    of("runTimeout", DURATION, "How long the run started by runNow may take (default 1h)")));

    private ProfileSchema() {
    }

    public static KeySpec root() {
        return ROOT;
    }

    private static KeySpec serviceAccount(String name, String description) {
        return object(name, description,
                oneOf("account", "Account kind", "system", "new", "custom"),
                of("login", STRING, "Account login (custom)"),
                of("password", SECRET, "Account password (custom)"));
    }
}
