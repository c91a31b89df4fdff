package io.drplatform.tco.platform;

/** The configuration cannot work; the message is the one line an operator needs to fix it. */
public class StartupRefusedException extends RuntimeException {
    public StartupRefusedException(String message) {
        super(message, null, false, false);
    }
}
