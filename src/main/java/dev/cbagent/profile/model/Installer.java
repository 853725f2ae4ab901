package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The profile's {@code installer:} section, defaults applied; absent values are null.
 *
 * @param dialect an own dialect file, resolved against the profile file that named it
 */
public record Installer(String path, boolean quiet, String language, String logDir, String installationFiles,
                        boolean skipHttpsCertVerification, boolean skipFileTrustVerification,
                        Integer downloadAttempts, String cacheDirectory, Secret antiTamperPassword,
                        boolean registerOnly, Duration timeout, Path dialect, String tmpDir, boolean strict,
                        boolean noDeps, boolean debug, boolean skipPrereqCheck, String secretsVia) {
}
