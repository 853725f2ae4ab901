package dev.cbagent.api;

import dev.cbagent.error.Causes;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/** Which API failures a poll may outwait. */
public final class ApiFailures {
    private ApiFailures() {
    }

    /**
     * A dropped, reset or refused connection or a timeout: worth asking again until the deadline. Trust failures
     * (certificate, pin), rejected credentials and answers the server meant are not.
     */
    public static boolean isTransient(CbagentException failure) {
        if (failure.exitCode() != ExitCode.SERVER_UNAVAILABLE || Causes.find(failure, IOException.class) == null) {
            return false;
        }
        return Causes.find(failure, CertificateException.class) == null
                && Causes.find(failure, CertPathValidatorException.class) == null
                && Causes.find(failure, PinnedKeyTrustManager.PinMismatchException.class) == null;
    }
}
