package org.testbench.drivers.mqtt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/** MQTT 5 through Paho's mqttv5 client (whose MqttClient is not AutoCloseable). */
final class Paho5Client implements BrokerConnection.Client {

    /** MQTT 5 CONNACK reason codes for refused credentials. */
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;
    /** Paho's client-side codes (the same numbers as in mqttv3): no connection, and no answer in time. */
    private static final int SERVER_CONNECT_ERROR = 32103;
    private static final int CLIENT_TIMEOUT = 32000;

    private final MqttClient client;
    private final String url;
    private final Duration answerTimeout;

    private Paho5Client(MqttClient client, String url, Duration answerTimeout) {
        this.client = client;
        this.url = url;
        this.answerTimeout = answerTimeout;
    }

    static BrokerConnection.Client connect(BrokerOptions options, String clientId, BrokerConnection.Sink sink)
            throws DeviceException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        options.user().ifPresent(o::setUserName);
        char[] password = options.password();
        byte[] passwordBytes = null;
        if (password.length > 0) {
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            passwordBytes = new byte[encoded.remaining()];
            encoded.get(passwordBytes);
            Arrays.fill(encoded.array(), (byte) 0);
            o.setPassword(passwordBytes);
        }
        if (options.tls()) {
            o.setSocketFactory(TlsContexts.socketFactory(options));
        }
        MqttClient client = null;
        try {
            client = new MqttClient(options.url(), clientId, new MemoryPersistence());
            // Every wait for the broker (CONNACK, SUBACK, PUBACK) is bounded: a broker that never answers must not
            // hold a run.
            client.setTimeToWait(options.connectTimeout().toMillis());
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    sink.lost("reason code " + response.getReturnCode()
                            + (response.getReasonString() != null ? " " + response.getReasonString() : "")
                            + (response.getException() != null ? " " + response.getException().getMessage() : ""));
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                    sink.lost(exception.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    sink.arrived(topic, message.getPayload(), message.getQos(), message.isDuplicate());
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                    // publish() waits for the acknowledgement itself.
                }

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    // Connecting is synchronous here; nothing to do.
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                    // No enhanced authentication.
                }
            });
            client.connect(o);
            return new Paho5Client(client, options.url(), options.connectTimeout());
        } catch (MqttException e) {
            closeQuietly(client);
            throw connectFailure(options.url(), e);
        } finally {
            Arrays.fill(password, '\0');
            if (passwordBytes != null) {
                Arrays.fill(passwordBytes, (byte) 0);
            }
        }
    }

    private static void closeQuietly(MqttClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (MqttException ignored) {
                // Nothing was open.
            }
        }
    }

    private static DeviceException connectFailure(String url, MqttException e) {
        int code = e.getReasonCode();
        if (code == BAD_USER_NAME_OR_PASSWORD || code == NOT_AUTHORIZED) {
            return new DeviceException(Fault.AUTHENTICATION_FAILED, url,
                    "the broker refused the user name or password (MQTT 5 reason code 0x"
                            + Integer.toHexString(code) + ")", e);
        }
        if (code == SERVER_CONNECT_ERROR || code == CLIENT_TIMEOUT) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            return new DeviceException(Fault.PORT_NOT_FOUND, url, "cannot connect to the broker: " + cause, e);
        }
        return new DeviceException(Fault.REJECTED, url, "the broker refused the connection: " + e.getMessage()
                + " (reason code " + code + (e.getCause() != null ? ", " + e.getCause().getMessage() : "") + ")", e);
    }

    @Override
    public void subscribe(String filter, int qos) throws DeviceException {
        try {
            IMqttToken token = client.subscribe(filter, qos);
            int[] granted = token.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] >= 0x80) {
                throw new DeviceException(Fault.REJECTED, url, "the broker refused the subscription to " + filter
                        + " (reason code 0x" + Integer.toHexString(granted[0]) + ")");
            }
        } catch (MqttException e) {
            throw RequestFailure.of(url, "subscribing to " + filter, e.getReasonCode(), e.getMessage(), answerTimeout,
                    Fault.REJECTED, e);
        }
    }

    @Override
    public void unsubscribe(String filter) throws DeviceException {
        try {
            client.unsubscribe(filter);
        } catch (MqttException e) {
            throw new DeviceException(Fault.REJECTED, url, "unsubscribing " + filter + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws DeviceException {
        try {
            client.publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            throw RequestFailure.of(url, "publishing on " + topic, e.getReasonCode(), e.getMessage(), answerTimeout,
                    Fault.CONNECTION_LOST, e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
        } catch (MqttException ignored) {
            // Closing anyway.
        }
        closeQuietly(client);
    }
}
