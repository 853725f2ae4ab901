package dev.cbagent.platform;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The one shell32 function jna-platform does not map. */
interface WindowsShell32 extends StdCallLibrary {

    /** True when the process token is elevated and in the Administrators group. */
    boolean IsUserAnAdmin();

    static WindowsShell32 load() {
        return Native.load("shell32", WindowsShell32.class, W32APIOptions.DEFAULT_OPTIONS);
    }
}
