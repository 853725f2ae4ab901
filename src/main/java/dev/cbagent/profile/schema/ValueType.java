package dev.cbagent.profile.schema;

public enum ValueType {
    OBJECT, STRING, SECRET,
    /** Text shown as written, whose {@code ${env:}}/{@code ${file:}} references are secrets (registration.scriptParams). */
    TEXT_WITH_SECRETS,
    BOOLEAN, INTEGER, ENUM, STRING_LIST, DURATION
}
