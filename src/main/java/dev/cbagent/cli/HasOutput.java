package dev.cbagent.cli;

/** A command whose failures are rendered in its own output format. */
interface HasOutput {
    OutputOptions outputOptions();
}
