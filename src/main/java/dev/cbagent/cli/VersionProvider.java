package dev.cbagent.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {"cbagent " + (version == null ? "development build" : version)
                + " (Cyber Backup 18.5 dialects)"};
    }
}
