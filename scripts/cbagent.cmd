@echo off
rem cbagent launcher for Windows (cmd.exe). Finds cbagent.jar next to this file, in ..\lib or ..\target.
setlocal
set "HERE=%~dp0"
set "JAR=%CBAGENT_JAR%"
if not defined JAR if exist "%HERE%cbagent.jar" set "JAR=%HERE%cbagent.jar"
if not defined JAR if exist "%HERE%..\lib\cbagent.jar" set "JAR=%HERE%..\lib\cbagent.jar"
if not defined JAR if exist "%HERE%..\target\cbagent.jar" set "JAR=%HERE%..\target\cbagent.jar"
if not defined JAR (
  echo cbagent: error: cbagent.jar not found next to %~f0 1>&2
  exit /b 1
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -XX:+UseSerialGC -Xshare:auto %CBAGENT_JAVA_OPTS% -cp "%JAR%" dev.cbagent.cli.Main %*
exit /b %ERRORLEVEL%
