package dev.cbagent.fleet;

import dev.cbagent.exec.PowerShell;
import dev.cbagent.exec.WindowsCommandLine;
import dev.cbagent.platform.identity.WindowsRegistryIdentity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PowerShell side of a Windows host's install, run by {@link #COMMAND} with the script on stdin. It speaks
 * the same conversation as the POSIX sh script of {@link RemoteScripts}: {@code dir=}, {@code sha256=} (Get-FileHash
 * of the installer's path on the host), {@code identity=} (the registry values {@code InstanceID} and
 * {@code MMSCurrentMachineID}), {@code ready}; then it reads from stdin the mode ({@code install} or {@code reset}),
 * the installer to run and its arguments (each base64 of UTF-8 text; the arguments as {@link WindowsCommandLine}
 * renders them: the secrets come only there, and only once the host is to be installed), runs it, prints
 * {@code cbagent-identity-after=} and {@link #EXIT}, and removes its private folder on every way out.
 *
 * <p>The script itself holds no secret. Its text is pure ASCII (Windows PowerShell decodes stdin with the console's
 * code page) and it is one script block followed by a blank line, so that {@code -Command -}, which reads stdin a
 * statement at a time, parses it as a whole.
 */
final class WindowsRemoteScript {
    /** The remote command line: fixed, so nothing of the profile ever shows in a process list or an SSH log. */
    static final String COMMAND = "powershell -NoProfile -NonInteractive -Command -";
    /**
     * The exit code as the script's last line: Windows PowerShell does not always pass on an {@code exit} code
     * given on stdin.
     */
    static final String EXIT = "cbagent-exit=";
    static final String REGISTRY_KEY = "HKLM:\\" + WindowsRegistryIdentity.KEY;
    /** How long a finished installer's output may stay open (a child process holding it) before it is left out. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(10);
    /** Each command of the agent service restart after a reset. */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);

    private WindowsRemoteScript() {
    }

    /**
     * The whole script.
     *
     * @param installerPath the installer's path on the host, checked for an existing copy
     * @param env           variables set for the installer and the service restart
     * @param restart       the agent service restart after a reset (each an argv)
     * @param timeout       the installer's own time; after it the script stops the installer's process tree
     */
    static String install(String installerPath, Map<String, String> env, List<List<String>> restart,
                          Duration timeout) {
        StringBuilder s = new StringBuilder();
        s.append("& {\n")
                .append("Set-StrictMode -Version 3.0\n")
                .append("$ErrorActionPreference = 'Stop'\n")
                .append("$ProgressPreference = 'SilentlyContinue'\n")
                .append("[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false\n")
                .append("$installer = ").append(literal(installerPath)).append('\n')
                .append("$key = ").append(literal(REGISTRY_KEY)).append('\n')
                .append("$timeoutMs = ").append(Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()))).append('\n')
                .append("$restartMs = ").append(RESTART_TIMEOUT.toMillis()).append('\n')
                .append("$graceMs = ").append(OUTPUT_GRACE.toMillis()).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            s.append("[Environment]::SetEnvironmentVariable(").append(literal(e.getKey())).append(", ")
                    .append(literal(e.getValue())).append(")\n");
        }
        s.append(FUNCTIONS);
        s.append("function Reset-AgentIdentity {\n"
                + "    try {\n"
                + "        if (Test-Path -LiteralPath $key) {\n"
                + "            Remove-ItemProperty -LiteralPath $key -Name " + PowerShell.quote(WindowsRegistryIdentity.INSTANCE_ID)
                + ", " + PowerShell.quote(WindowsRegistryIdentity.AGENT_ID) + " -ErrorAction SilentlyContinue\n"
                + "        }\n");
        for (List<String> argv : restart) {
            s.append("        $code = Invoke-Program -Program ").append(literal(argv.get(0))).append(" -Arguments ")
                    .append(literal(WindowsCommandLine.renderArguments(argv.subList(1, argv.size()))))
                    .append(" -TimeoutMs $restartMs\n")
                    .append("        if ($code -ne 0) {\n")
                    .append("            return $false\n")
                    .append("        }\n");
        }
        s.append("        return $true\n"
                + "    } catch {\n"
                + "        [Console]::Error.WriteLine('cbagent: ' + $_.Exception.Message)\n"
                + "        return $false\n"
                + "    }\n"
                + "}\n\n");
        s.append(MAIN);
        return s.toString();
    }

    /**
     * A PowerShell string literal of {@code text}: verbatim single quotes ({@link PowerShell#quote}) when it is
     * printable ASCII, else a decoding of its UTF-8 bytes, so the script stays ASCII.
     */
    static String literal(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (ascii) {
            return PowerShell.quote(text);
        }
        return "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('" + base64(text) + "'))";
    }

    /** The lines cbagent sends once the host is to be installed: mode, installer, its arguments. */
    static String answer(boolean reset, String installer, List<String> arguments) throws HostFailure {
        if (installer.indexOf('\n') >= 0 || installer.indexOf('\r') >= 0) {
            throw new HostFailure("upload", null, "the installer's path contains a line break");
        }
        String line;
        try {
            line = WindowsCommandLine.renderArguments(arguments);
        } catch (IllegalArgumentException e) {
            throw new HostFailure("install", null, "the installer's command line cannot be built: " + e.getMessage());
        }
        return (reset ? RemoteScripts.RESET : RemoteScripts.INSTALL) + "\n" + base64(installer) + "\n"
                + base64(line) + "\n";
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The folder the host printed as {@code dir=C:\...}, as an SFTP path ({@code /C:/...}). */
    static String sftpPath(String windowsPath) {
        String forward = windowsPath.replace('\\', '/');
        return forward.startsWith("/") ? forward : "/" + forward;
    }

    private static final String FUNCTIONS = """
            function Write-Line {
                param([string] $Text)
                [Console]::Out.WriteLine($Text)
                [Console]::Out.Flush()
            }

            function Write-Forwarded {
                param([string] $Text, [System.IO.TextWriter] $Writer)
                if ($Text -ne '') {
                    $Writer.Write($Text)
                    if (-not $Text.EndsWith("`n")) {
                        $Writer.WriteLine()
                    }
                    $Writer.Flush()
                }
            }

            function Read-Answer {
                while ($true) {
                    $line = [Console]::In.ReadLine()
                    if ($null -eq $line) {
                        return $null
                    }
                    if ($line -ne '') {
                        return $line
                    }
                }
            }

            function Get-CleanValue {
                param($Values, [string] $Name)
                $property = $Values.PSObject.Properties[$Name]
                if ($null -eq $property -or $null -eq $property.Value) {
                    return ''
                }
                return ([string] $property.Value) -replace '[\\s"{}]', ''
            }

            function Get-AgentIdentity {
                param([string] $Prefix)
                try {
                    if (-not (Test-Path -LiteralPath $key)) {
                        return $Prefix + 'none'
                    }
                    $values = Get-ItemProperty -LiteralPath $key
                    $instance = Get-CleanValue -Values $values -Name 'INSTANCE_ID'
                    $agent = Get-CleanValue -Values $values -Name 'AGENT_ID'
                    if ($instance -eq '') {
                        return $Prefix + 'noid'
                    }
                    if ($agent -eq '') {
                        $agent = '-'
                    }
                    return $Prefix + 'id ' + $instance + ' ' + $agent
                } catch {
                    return $Prefix + 'unreadable'
                }
            }

            function New-PrivateFolder {
                $path = Join-Path -Path $env:TEMP -ChildPath ('cbagent-fleet-' + [Guid]::NewGuid().ToString('N'))
                $null = New-Item -ItemType Directory -Path $path
                $acl = New-Object -TypeName System.Security.AccessControl.DirectorySecurity
                $acl.SetAccessRuleProtection($true, $false)
                $me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User
                $inherit = [System.Security.AccessControl.InheritanceFlags] 'ContainerInherit, ObjectInherit'
                $propagation = [System.Security.AccessControl.PropagationFlags] 'None'
                $allow = [System.Security.AccessControl.AccessControlType] 'Allow'
                $rule = New-Object -TypeName System.Security.AccessControl.FileSystemAccessRule -ArgumentList $me, 'FullControl', $inherit, $propagation, $allow
                $acl.AddAccessRule($rule)
                Set-Acl -LiteralPath $path -AclObject $acl
                return $path
            }

            function Stop-ProcessTree {
                param([int] $Id)
                $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo
                $start.FileName = 'taskkill.exe'
                $start.Arguments = '/T /F /PID ' + $Id
                $start.UseShellExecute = $false
                $killer = [System.Diagnostics.Process]::Start($start)
                $null = $killer.WaitForExit(30000)
            }

            function Invoke-Program {
                param([string] $Program, [string] $Arguments, [int] $TimeoutMs)
                $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo
                $start.FileName = $Program
                $start.Arguments = $Arguments
                $start.UseShellExecute = $false
                $start.WorkingDirectory = [Environment]::SystemDirectory
                $start.RedirectStandardInput = $true
                $start.RedirectStandardOutput = $true
                $start.RedirectStandardError = $true
                $process = [System.Diagnostics.Process]::Start($start)
                $process.StandardInput.Close()
                $out = $process.StandardOutput.ReadToEndAsync()
                $err = $process.StandardError.ReadToEndAsync()
                $finished = $process.WaitForExit($TimeoutMs)
                if (-not $finished) {
                    Stop-ProcessTree -Id $process.Id
                }
                if ($out.Wait($graceMs)) {
                    Write-Forwarded -Text $out.Result -Writer ([Console]::Out)
                }
                if ($err.Wait($graceMs)) {
                    Write-Forwarded -Text $err.Result -Writer ([Console]::Error)
                }
                if (-not $finished) {
                    [Console]::Error.WriteLine('cbagent: ' + $Program + ' did not finish in time; it was stopped')
                    return 124
                }
                return $process.ExitCode
            }

            """
            .replace("'INSTANCE_ID'", PowerShell.quote(WindowsRegistryIdentity.INSTANCE_ID))
            .replace("'AGENT_ID'", PowerShell.quote(WindowsRegistryIdentity.AGENT_ID));

    private static final String MAIN = """
            function Invoke-Install {
                param([string] $Folder)
                Write-Line -Text ('DIR' + $Folder)
                if (Test-Path -LiteralPath $installer -PathType Leaf) {
                    try {
                        $hash = Get-FileHash -LiteralPath $installer -Algorithm SHA256
                        Write-Line -Text ('SHA256' + $hash.Hash.ToLowerInvariant())
                    } catch {
                        $hash = $null
                    }
                }
                Write-Line -Text (Get-AgentIdentity -Prefix 'BEFORE')
                Write-Line -Text 'READY'
                $mode = Read-Answer
                if ($mode -eq 'MODE_RESET') {
                    if (-not (Reset-AgentIdentity)) {
                        return RESET_FAILED
                    }
                } elseif ($mode -ne 'MODE_INSTALL') {
                    return NOT_STARTED
                }
                $encodedProgram = Read-Answer
                $encodedArguments = Read-Answer
                if ($null -eq $encodedProgram -or $null -eq $encodedArguments) {
                    return NOT_STARTED
                }
                $program = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($encodedProgram))
                $arguments = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($encodedArguments))
                $code = Invoke-Program -Program $program -Arguments $arguments -TimeoutMs $timeoutMs
                Write-Line -Text (Get-AgentIdentity -Prefix 'AFTER')
                return $code
            }

            $code = 1
            $folder = $null
            try {
                $folder = New-PrivateFolder
                $code = Invoke-Install -Folder $folder
            } catch {
                [Console]::Error.WriteLine('cbagent: ' + $_.Exception.Message)
                if ($null -eq $folder) {
                    $code = NO_TEMP_DIR
                }
            } finally {
                if ($null -ne $folder) {
                    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
                }
            }
            Write-Line -Text ('EXIT' + $code)
            exit $code
            }

            """
            .replace("'DIR'", PowerShell.quote(RemoteScripts.DIR))
            .replace("'SHA256'", PowerShell.quote(RemoteScripts.SHA256))
            .replace("'BEFORE'", PowerShell.quote(RemoteIdentity.BEFORE))
            .replace("'AFTER'", PowerShell.quote(RemoteIdentity.AFTER))
            .replace("'READY'", PowerShell.quote(RemoteScripts.READY))
            .replace("'EXIT'", PowerShell.quote(EXIT))
            .replace("MODE_RESET", RemoteScripts.RESET)
            .replace("MODE_INSTALL", RemoteScripts.INSTALL)
            .replace("RESET_FAILED", String.valueOf(RemoteScripts.RESET_FAILED))
            .replace("NOT_STARTED", String.valueOf(RemoteScripts.NOT_STARTED))
            .replace("NO_TEMP_DIR", String.valueOf(RemoteScripts.NO_TEMP_DIR));
}
