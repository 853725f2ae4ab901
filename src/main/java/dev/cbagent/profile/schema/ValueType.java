package dev.cbagent.profile.schema;

public enum ValueType {
    OBJECT, STRING, SECRET, BOOLEAN, INTEGER, ENUM, STRING_LIST, DURATION
}
