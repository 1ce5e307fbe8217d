package org.testbench.drivers.mqtt;

import java.time.Duration;

import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * A subscribe or publish that failed, told apart by Paho's client-side reason codes (the same numbers in mqttv3
 * and mqttv5): the connection gone while waiting (the caller may connect again), no acknowledgement within the
 * broker options' timeout (a broker that never answers must not hold a run), or anything else.
 */
final class RequestFailure {

    private static final int CLIENT_TIMEOUT = 32000;
    private static final int CONNECTION_LOST = 32109;

    private RequestFailure() {
    }

    /**
     * @param what "subscribing to telemetry/alerts/#", "publishing on …"
     * @param otherwise the fault of any other failure
     */
    static DeviceException of(String url, String what, int reasonCode, String message, Duration waited,
                              Fault otherwise, Exception cause) {
        return switch (reasonCode) {
            case CLIENT_TIMEOUT -> new DeviceException(Fault.NO_ANSWER, url, what + " failed: the broker did not"
                    + " acknowledge it within " + waited.toMillis() + " ms", cause);
            case CONNECTION_LOST -> new DeviceException(Fault.CONNECTION_LOST, url, what + " failed: " + message, cause);
            default -> new DeviceException(otherwise, url, what + " failed: " + message, cause);
        };
    }
}
