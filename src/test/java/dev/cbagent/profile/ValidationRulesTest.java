package dev.cbagent.profile;

import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** One row per vendor or design rule: a profile that passes, and one that fails naming the key. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValidationRulesTest {
    private static final String WIN = "platform: windows\ninstaller: {path: 'C:\\dist\\agent.exe'}\n";
    private static final String LINUX = "platform: linux\ninstaller: {path: /srv/agent.bin}\n";
    private static final String TOKEN = "registration:\n  address: https://mgmt.example.ru:9877\n  token: ${env:CB_REG_TOKEN}\n";
    private static final String CREDS = "registration:\n  address: https://mgmt.example.ru:9877\n  login: admin\n  password: ${env:CB_API_PWD}\n";
    private static final String CLOUD = "edition: cloud\n";
    private static final String API = "verify:\n  login: api-admin\n  password: ${env:CB_API_PWD}\n";
    private static final String CLOUD_TOKEN = "registration:\n  address: https://cloud.example.ru\n  token: ${env:CB_REG_TOKEN}\n";

    @TempDir
    Path dir;

    static Stream<Arguments> rules() {
        return Stream.of(
                row("token excludes login and password", WIN + TOKEN,
                        WIN + TOKEN + "  login: admin\n  password: ${env:CB_API_PWD}\n", "registration.login", "cannot be combined with registration.token"),
                row("by-token needs a token", WIN + TOKEN + "  mode: by-token\n",
                        WIN + CREDS + "  mode: by-token\n", "registration.mode", "by-token needs registration.token"),
                row("by-credentials needs login and password", WIN + CREDS + "  mode: by-credentials\n",
                        WIN + TOKEN + "  mode: by-credentials\n", "registration.mode", "by-credentials needs registration.login"),
                row("login needs a password", WIN + CREDS,
                        WIN + "registration: {address: 'https://m.example.ru:9877', login: admin}\n", "registration.login", "needs registration.password"),
                row("skip takes no address", WIN + "registration: {mode: skip}\n",
                        WIN + "registration: {mode: skip, address: 'https://m.example.ru'}\n", "registration.address", "not used when registration.mode is skip"),
                row("an address is required", WIN + TOKEN,
                        WIN + "registration: {token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "is required"),
                row("device-flow is cloud only", CLOUD + WIN + "registration: {mode: device-flow, address: 'https://cloud.example.ru'}\n",
                        WIN + "registration: {mode: device-flow, address: 'https://m.example.ru'}\n", "registration.mode", "cloud edition only"),
                row("device-flow is not quiet", CLOUD + WIN + "registration: {mode: device-flow, address: 'https://cloud.example.ru'}\n",
                        CLOUD + "platform: windows\ninstaller: {path: a.exe, quiet: true}\nregistration: {mode: device-flow, address: 'https://cloud.example.ru'}\n",
                        "installer.quiet", "cannot be true with registration.mode device-flow"),
                row("register-only is cloud only", CLOUD + "platform: windows\ninstaller: {path: a.exe, registerOnly: true}\n",
                        "platform: windows\ninstaller: {path: a.exe, registerOnly: true}\n", "installer.registerOnly", "cloud edition only"),
                row("register-only is not quiet", CLOUD + "platform: windows\ninstaller: {path: a.exe, registerOnly: true}\n",
                        CLOUD + "platform: windows\ninstaller: {path: a.exe, registerOnly: true, quiet: true}\n", "installer.quiet", "cannot be true with installer.registerOnly"),
                row("current-user is on-premise only", WIN + "registration: {mode: current-user, address: 'https://m.example.ru'}\n",
                        CLOUD + WIN + "registration: {mode: current-user, address: 'https://cloud.example.ru'}\n", "registration.mode", "on-premise edition only"),
                row("current-user is Windows only", WIN + "registration: {mode: current-user, address: 'https://m.example.ru'}\n",
                        LINUX + "registration: {mode: current-user, address: 'https://m.example.ru'}\n", "registration.mode", "needs a Windows account"),
                row("a unit is on-premise only", WIN + TOKEN + "  tenant: 556c6428-34ef-11ed-83ee-00155d8b5d06\n",
                        CLOUD + WIN + CLOUD_TOKEN + "  tenant: 556c6428-34ef-11ed-83ee-00155d8b5d06\n", "registration.tenant", "on-premise edition only"),
                row("ports are on-premise only", WIN + TOKEN + "ports: {webServer: 9877}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "ports: {webServer: 9877}\n", "ports.webServer", "on-premise edition only"),
                row("the database is on-premise only", WIN + TOKEN + "managementServerDb: {type: built-in}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "managementServerDb: {type: built-in}\n", "managementServerDb.type", "on-premise edition only"),
                row("on-premise components are refused on cloud", WIN + TOKEN + "components: {add: [managementServer]}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "components: {add: [managementServer]}\n", "components.add", "'managementServer' is available for the on-premise edition only"),
                row("Windows component names are checked", WIN + TOKEN + "components: {add: [agentForWindows]}\n",
                        WIN + TOKEN + "components: {add: [agentForWindow]}\n", "components.add", "did you mean 'agentForWindows'"),
                row("Linux takes Linux ids", LINUX + TOKEN + "components: {add: [BackupAndRecoveryAgent]}\n",
                        LINUX + TOKEN + "components: {add: [agentForWindows]}\n", "components.add", "is not a linux component"),
                row("Linux features need the agent", LINUX + TOKEN + "components: {add: [BackupAndRecoveryAgent, MySQLAgentFeature]}\n",
                        LINUX + TOKEN + "components: {add: [MySQLAgentFeature]}\n", "components.add", "needs 'BackupAndRecoveryAgent'"),
                row("a component is not added and removed", WIN + TOKEN + "components: {add: [agentForSql], remove: [trayMonitor]}\n",
                        WIN + TOKEN + "components: {add: [agentForSql], remove: [agentForSql]}\n", "components.remove", "both added and removed"),
                row("Windows languages are en and ru", WIN.replace("}", ", language: ru}") + TOKEN,
                        WIN.replace("}", ", language: de}") + TOKEN, "installer.language", "not a windows installer language"),
                row("Linux languages", LINUX.replace("}", ", language: pt_BR}") + TOKEN,
                        LINUX.replace("}", ", language: xx}") + TOKEN, "installer.language", "not a linux installer language"),
                row("ports are 1 to 65535", WIN + TOKEN + "ports: {zmq: 65535}\n",
                        WIN + TOKEN + "ports: {zmq: 0}\n", "ports.zmq", "out of range 1-65535"),
                row("a custom proxy needs an address", WIN + TOKEN + "proxy: {mode: custom, address: 'p.example.ru:3128'}\n",
                        WIN + TOKEN + "proxy: {mode: custom}\n", "proxy.mode", "custom needs proxy.address"),
                row("proxy mode none takes no address", WIN + TOKEN + "proxy: {mode: none}\n",
                        WIN + TOKEN + "proxy: {mode: none, address: 'p.example.ru:3128'}\n", "proxy.address", "not used with proxy.mode none"),
                row("a proxy address is host:port", LINUX + TOKEN + "proxy: {address: 'p.example.ru:3128'}\n",
                        LINUX + TOKEN + "proxy: {address: 'p.example.ru'}\n", "proxy.address", "is not host:port"),
                row("a proxy login needs a password", WIN + TOKEN + "proxy:\n  address: p.example.ru:3128\n  login: cb\n  password: ${env:CB_PROXY_PWD}\n",
                        WIN + TOKEN + "proxy: {address: 'p.example.ru:3128', login: cb}\n", "proxy.login", "needs proxy.password"),
                row("a pinned key needs the pinned transport", WIN + TOKEN + "  transport: https-pinned-public-key\n  pinnedPublicKey: abc\n",
                        WIN + TOKEN + "  transport: https-ca-system\n  pinnedPublicKey: abc\n", "registration.pinnedPublicKey", "needs registration.transport https-pinned-public-key"),
                row("the pinned transport needs a key", WIN + TOKEN + "  pinnedPublicKey: abc\n",
                        WIN + TOKEN + "  transport: https-pinned-public-key\n", "registration.transport", "needs registration.pinnedPublicKey"),
                row("the built-in database takes no fields", WIN + TOKEN + "managementServerDb: {type: built-in}\n",
                        WIN + TOKEN + "managementServerDb: {type: built-in, instance: 'SQL01'}\n", "managementServerDb.instance", "not used with the built-in database"),
                row("mssql needs authentication", WIN + TOKEN + "managementServerDb: {type: mssql, auth: service-account, instance: 'SQL01'}\n",
                        WIN + TOKEN + "managementServerDb: {type: mssql, instance: 'SQL01'}\n", "managementServerDb.type", "needs auth: service-account or a login and password"),
                row("mssql auth is one or the other", WIN + TOKEN + "managementServerDb:\n  type: mssql\n  login: sa\n  password: ${env:CB_API_PWD}\n  instance: SQL01\n",
                        WIN + TOKEN + "managementServerDb:\n  type: mssql\n  auth: service-account\n  login: sa\n  password: ${env:CB_API_PWD}\n  instance: SQL01\n",
                        "managementServerDb.auth", "cannot be combined with login and password"),
                row("database fields need a type", WIN + TOKEN + "managementServerDb: {type: mssql, auth: service-account, instance: 'SQL01', driver: ODBC}\n",
                        WIN + TOKEN + "managementServerDb: {driver: ODBC}\n", "managementServerDb.driver", "needs managementServerDb.type: mssql"),
                row("a custom service account needs login and password", WIN + TOKEN + "services:\n  agent:\n    account: custom\n    login: svc\n    password: ${env:CB_SVC_PWD}\n",
                        WIN + TOKEN + "services:\n  agent:\n    account: custom\n    login: svc\n", "services.agent.account", "custom needs services.agent.password"),
                row("a service login needs the custom account", WIN + TOKEN + "services: {storageNode: {account: new}}\n",
                        WIN + TOKEN + "services: {storageNode: {account: system, login: svc}}\n", "services.storageNode.login", "use account: custom"),
                row("cloud addresses are https", CLOUD + WIN + CLOUD_TOKEN,
                        CLOUD + WIN + "registration: {address: 'http://cloud.example.ru', token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "always HTTPS"),
                row("on-premise addresses are URLs or host names", WIN + "registration: {address: 'mgmt.example.ru', token: '${env:CB_REG_TOKEN}'}\n",
                        WIN + "registration: {address: 'not a host!', token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "neither a URL nor a host name"),
                row("Windows-only keys are refused on Linux", WIN + TOKEN + "installDir: 'C:\\CB'\n",
                        LINUX + TOKEN + "installDir: /opt/cb\n", "installDir", "not supported on linux"),
                row("Windows service accounts are refused on Linux", WIN + TOKEN + "services: {agent: {account: system}}\n",
                        LINUX + TOKEN + "services: {agent: {account: system}}\n", "services.agent.account", "not supported on linux"),
                row("Linux-only keys are refused on Windows", LINUX.replace("}", ", tmpDir: /var/tmp}") + TOKEN,
                        WIN.replace("}", ", tmpDir: 'C:\\tmp'}") + TOKEN, "installer.tmpDir", "not supported on windows"),
                row("the options file is Linux only", LINUX.replace("}", ", secretsVia: options-file}") + TOKEN,
                        WIN.replace("}", ", secretsVia: options-file}") + TOKEN, "installer.secretsVia", "not available on windows"),
                row("the virtual appliance has no installer", "platform: virtual-appliance\n" + TOKEN,
                        "platform: virtual-appliance\ninstaller: {path: /x.bin}\n" + TOKEN, "installer.path", "has no installer"),
                row("the registration script is Windows only", WIN + TOKEN + "  script: 'C:\\deploy\\reg.ps1'\n",
                        LINUX + TOKEN + "  script: /deploy/reg.sh\n", "registration.script", "not supported on linux"),
                row("script parameters need a script", WIN + TOKEN + "  script: 'C:\\deploy\\reg.ps1'\n  scriptParams: '-l C:\\reg.log'\n",
                        WIN + TOKEN + "  scriptParams: '-l C:\\reg.log'\n", "registration.scriptParams", "needs registration.script"),
                row("vCenter needs login and password", WIN + TOKEN + "vcenter:\n  address: vc.example.ru\n  login: administrator\n  password: ${env:CB_VC_PWD}\n",
                        WIN + TOKEN + "vcenter: {address: vc.example.ru}\n", "vcenter.address", "needs vcenter.login"),
                // guide 3.1.6-3.1.8: "to use an existing account, specify custom or leave this field empty"
                row("a service login and password without an account mean custom", WIN + TOKEN + "services:\n  agent:\n    login: svc\n    password: ${env:CB_SVC_PWD}\n",
                        WIN + TOKEN + "services: {agent: {login: svc}}\n", "services.agent.login", "needs services.agent.password"),
                row("proxy credentials need a custom proxy address (3.1.11)", WIN + TOKEN + "proxy:\n  address: p.example.ru:3128\n  login: cb\n  password: ${env:CB_PROXY_PWD}\n",
                        WIN + TOKEN + "proxy:\n  login: cb\n  password: ${env:CB_PROXY_PWD}\n", "proxy.login", "needs proxy.address"),
                row("device-flow needs the installer's UI, which Linux never shows", CLOUD + WIN + "registration: {mode: device-flow, address: 'https://cloud.example.ru'}\n",
                        CLOUD + LINUX + "registration: {mode: device-flow, address: 'https://cloud.example.ru'}\n", "registration.mode", "always runs unattended"),
                row("the guide's spelling remotelInstallation is accepted (3.1.3)", WIN + TOKEN + "components: {add: [remotelInstallation]}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "components: {add: [remotelInstallation]}\n", "components.add", "on-premise edition only"),
                row("a storage node is on-premise only", WIN + TOKEN + "  storageNode: true\n",
                        CLOUD + WIN + CLOUD_TOKEN + "  storageNode: true\n", "registration.storageNode", "on-premise edition only"),
                row("the virtual appliance registers no storage node (3.2.2.3)", LINUX + TOKEN + "  storageNode: true\n",
                        "platform: virtual-appliance\n" + TOKEN + "  storageNode: true\n", "registration.storageNode", "not supported on virtual-appliance"),
                row("vCenter is a host name or IP address (3.1.12)", WIN + TOKEN + "vcenter:\n  address: 10.0.0.7\n  login: administrator\n  password: ${env:CB_VC_PWD}\n",
                        WIN + TOKEN + "vcenter:\n  address: https://vc.example.ru\n  login: administrator\n  password: ${env:CB_VC_PWD}\n", "vcenter.address", "a host name or IP address"),
                row("an on-premise address may be an IPv6 address (3.1.5)", WIN + "registration: {address: '[fd00::5]:9877', token: '${env:CB_REG_TOKEN}'}\n",
                        WIN + "registration: {address: '[fd00::5:9877', token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "neither a URL nor a host name"),
                row("a cloud address is a URL, not a bare name", CLOUD + WIN + CLOUD_TOKEN,
                        CLOUD + WIN + "registration: {address: cloud.example.ru, token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "needs a URL"),
                row("an address URL is http or https", WIN + TOKEN,
                        WIN + "registration: {address: 'ftp://m.example.ru', token: '${env:CB_REG_TOKEN}'}\n", "registration.address", "not an http(s) URL"),
                row("by-credentials takes no token", WIN + CREDS + "  mode: by-credentials\n",
                        WIN + CREDS.replace("  login: admin\n", "") + "  token: ${env:CB_REG_TOKEN}\n  mode: by-credentials\n", "registration.token", "not used with registration.mode by-credentials"),
                row("device-flow takes no token", CLOUD + WIN + "registration: {mode: device-flow, address: 'https://cloud.example.ru'}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "  mode: device-flow\n", "registration.token", "not used with registration.mode device-flow"),
                row("skip takes no token", WIN + "registration: {mode: skip}\n",
                        WIN + "registration: {mode: skip, token: '${env:CB_REG_TOKEN}'}\n", "registration.token", "not used when registration.mode is skip"),
                row("the transport is on-premise only", WIN + TOKEN + "  transport: https-ca-system\n",
                        CLOUD + WIN + CLOUD_TOKEN + "  transport: https-ca-system\n", "registration.transport", "on-premise edition only"),
                row("the management server account is on-premise only", WIN + TOKEN + "services: {managementServer: {account: system}}\n",
                        CLOUD + WIN + CLOUD_TOKEN + "services: {managementServer: {account: system}}\n", "services.managementServer.account", "on-premise edition only"),
                row("proxy mode system takes no credentials", WIN + TOKEN + "proxy: {mode: system}\n",
                        WIN + TOKEN + "proxy: {mode: system, login: cb}\n", "proxy.login", "not used with proxy.mode system"),
                row("mssql needs an instance", WIN + TOKEN + "managementServerDb: {type: mssql, auth: service-account, instance: 'SQL01'}\n",
                        WIN + TOKEN + "managementServerDb: {type: mssql, auth: service-account}\n", "managementServerDb.type", "needs managementServerDb.instance"),
                row("an SQL login needs a password", WIN + TOKEN + "managementServerDb:\n  type: mssql\n  login: sa\n  password: ${env:CB_API_PWD}\n  instance: SQL01\n",
                        WIN + TOKEN + "managementServerDb: {type: mssql, login: sa, instance: SQL01}\n", "managementServerDb.login", "needs managementServerDb.password"),
                row("a vCenter login needs an address", WIN + TOKEN + "vcenter:\n  address: vc.example.ru\n  login: administrator\n  password: ${env:CB_VC_PWD}\n",
                        WIN + TOKEN + "vcenter:\n  login: administrator\n  password: ${env:CB_VC_PWD}\n", "vcenter.login", "needs vcenter.address"),
                row("unknown keys are refused with a suggestion", WIN + TOKEN,
                        WIN + TOKEN + "  adress: x\n", "registration.adress", "did you mean 'address'"),
                row("enum values are checked with a suggestion", "edition: on-premise\n" + WIN + TOKEN,
                        "edition: on-premis\n" + WIN + TOKEN, "edition", "did you mean 'on-premise'"),
                row("a missing environment variable is named", WIN + TOKEN,
                        WIN + "registration: {address: 'https://m.example.ru', token: '${env:CB_NOT_SET_ANYWHERE}'}\n", "registration.token", "CB_NOT_SET_ANYWHERE is not set"),
                row("a missing secret file is named", WIN + TOKEN,
                        WIN + "registration: {address: 'https://m.example.ru', token: '${file:/nonexistent/cb-token}'}\n", "registration.token", "/nonexistent/cb-token does not exist"),
                row("verify trust is one choice", WIN + TOKEN + "verify: {caBundle: /etc/ssl/ca.pem}\n",
                        WIN + TOKEN + "verify: {caBundle: /etc/ssl/ca.pem, insecure: true}\n", "verify.insecure", "choose one of"),
                row("a verify pin has the sha256 form", WIN + TOKEN + "verify: {pinnedPublicKey: 'sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='}\n",
                        WIN + TOKEN + "verify: {pinnedPublicKey: 'abc'}\n", "verify.pinnedPublicKey", "sha256//"),
                row("the API URL is http or https", WIN + TOKEN + "verify: {apiUrl: 'https://api.example.ru:9877'}\n",
                        WIN + TOKEN + "verify: {apiUrl: 'ftp://api.example.ru'}\n", "verify.apiUrl", "not an http(s) URL"),
                row("a verify proxy is http://host:port", WIN + TOKEN + "verify: {proxy: 'http://proxy.example.ru:3128'}\n",
                        WIN + TOKEN + "verify: {proxy: 'socks5://proxy.example.ru:1080'}\n", "verify.proxy", "is not a proxy"),
                row("a verify proxy names its port", WIN + TOKEN + "verify: {proxy: none}\n",
                        WIN + TOKEN + "verify: {proxy: 'http://proxy.example.ru'}\n", "verify.proxy", "needs a port"),
                row("a verify proxy password is a reference",
                        WIN + TOKEN + "verify:\n  proxy: 'http://cb:${env:CB_PROXY_PWD}@proxy.example.ru:3128'\n",
                        WIN + TOKEN + "verify: {proxy: 'http://cb:clear-pw@proxy.example.ru:3128'}\n", "verify.proxy",
                        "the proxy password is written in the profile"),
                row("durations are written 90s, 10m or 1h", WIN.replace("}", ", timeout: 45m}") + TOKEN,
                        WIN.replace("}", ", timeout: 45 minutes}") + TOKEN, "installer.timeout", "not a duration"),
                row("booleans are true or false", WIN.replace("}", ", quiet: true}") + TOKEN,
                        WIN.replace("}", ", quiet: 'yes'}") + TOKEN, "installer.quiet", "expected true or false"),
                row("protection names a group or a plan", WIN + TOKEN + API + "protection: {group: Servers}\n",
                        WIN + TOKEN + API + "protection: {createGroup: false}\n", "protection", "names neither a group nor a plan"),
                row("protection names are not empty", WIN + TOKEN + API + "protection: {plan: Daily}\n",
                        WIN + TOKEN + API + "protection: {plan: ''}\n", "protection.plan", "is empty"),
                row("createGroup needs a group", WIN + TOKEN + API + "protection: {group: Servers, createGroup: true}\n",
                        WIN + TOKEN + API + "protection: {plan: Daily, createGroup: true}\n", "protection.createGroup", "needs protection.group"),
                row("waitDeployed needs a plan", WIN + TOKEN + API + "protection: {plan: Daily, waitDeployed: 5m}\n",
                        WIN + TOKEN + API + "protection: {group: Servers, waitDeployed: 5m}\n", "protection.waitDeployed", "needs protection.plan"),
                row("runNow needs a plan", WIN + TOKEN + API + "protection: {plan: Daily, runNow: true}\n",
                        WIN + TOKEN + API + "protection: {group: Servers, runNow: true}\n", "protection.runNow", "needs protection.plan"),
                row("runTimeout needs runNow", WIN + TOKEN + API + "protection: {plan: Daily, runNow: true, runTimeout: 2h}\n",
                        WIN + TOKEN + API + "protection: {plan: Daily, runTimeout: 2h}\n", "protection.runTimeout", "needs protection.runNow: true"),
                row("protection needs an API account", WIN + CREDS + "protection: {plan: Daily}\n",
                        WIN + TOKEN + "protection: {plan: Daily}\n", "protection", "needs verify.login"),
                row("protection needs a registration", WIN + TOKEN + API + "protection: {plan: Daily}\n",
                        WIN + "registration: {mode: skip}\n" + API + "protection: {plan: Daily}\n", "protection", "needs a registration"),
                row("protection keys are checked with a suggestion", WIN + TOKEN + API + "protection: {plan: Daily}\n",
                        WIN + TOKEN + API + "protection: {plan: Daily, runNo: true}\n", "protection.runNo", "did you mean 'runNow'"),
                row("download attempts are at least 1", WIN.replace("}", ", downloadAttempts: 1}") + TOKEN,
                        WIN.replace("}", ", downloadAttempts: 0}") + TOKEN, "installer.downloadAttempts", "out of range"));
    }

    private static Arguments row(String rule, String good, String bad, String key, String message) {
        return arguments(rule, good, bad, key, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void each_rule_accepts_the_good_profile_and_names_the_key_in_the_bad_one(String rule, String good, String bad,
                                                                            String key, String message) {
        ProfileFixture fixture = new ProfileFixture(dir);
        ProfileCheck.Checked accepted = fixture.check(good);
        assertFalse(accepted.hasErrors(), () -> "good profile refused:\n" + describe(accepted.findings()));

        ProfileCheck.Checked refused = fixture.check(bad);
        assertTrue(refused.findings().stream().anyMatch(f -> f.isError() && f.key().equals(key)
                        && f.message().contains(message) && f.location().line() > 1),
                () -> "expected an error on " + key + " containing '" + message + "', got:\n" + describe(refused.findings()));
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(Finding::format).collect(Collectors.joining("\n"));
    }
}
