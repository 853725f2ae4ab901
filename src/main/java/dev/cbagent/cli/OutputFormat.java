package dev.cbagent.cli;

public enum OutputFormat {
    text, json
}
