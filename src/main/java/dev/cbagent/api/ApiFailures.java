package dev.cbagent.api;

import dev.cbagent.error.Causes;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.SocketException;

/** Which API failures a poll may outwait. */
public final class ApiFailures {
    private ApiFailures() {
    }

    /**
     * A dropped, reset or refused connection or a timeout: worth asking again until the deadline. Trust failures
     * (certificate, pin), rejected credentials and answers the server meant are not.
     */
    public static boolean isTransient(CbagentException failure) {
        if (failure.exitCode() != ExitCode.SERVER_UNAVAILABLE || Causes.find(failure, IOException.class) == null
                || Causes.find(failure, CappedBody.TooLarge.class) != null) {
            return false;
        }
        // A TLS failure is the setup's (trust, a plain-HTTP port), unless the connection was cut under it.
        SSLException tls = Causes.find(failure, SSLException.class);
        return tls == null || Causes.find(tls, EOFException.class) != null || Causes.find(tls, SocketException.class) != null;
    }
}
