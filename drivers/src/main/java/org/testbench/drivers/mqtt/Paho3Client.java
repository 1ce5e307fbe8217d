package org.testbench.drivers.mqtt;

import java.time.Duration;
import java.util.Arrays;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/** MQTT 3.1.1 through Paho's mqttv3 client. */
final class Paho3Client implements BrokerConnection.Client {

    private final MqttClient client;
    private final String url;
    private final Duration answerTimeout;

    private Paho3Client(MqttClient client, String url, Duration answerTimeout) {
        this.client = client;
        this.url = url;
        this.answerTimeout = answerTimeout;
    }

    static BrokerConnection.Client connect(BrokerOptions options, String clientId, BrokerConnection.Sink sink)
            throws DeviceException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        o.setMaxInflight(1000);
        options.user().ifPresent(o::setUserName);
        char[] password = options.password();
        if (password.length > 0) {
            o.setPassword(password);
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
                public void connectionLost(Throwable cause) {
                    sink.lost(cause == null ? "unknown" : String.valueOf(cause.getMessage()));
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    sink.arrived(topic, message.getPayload(), message.getQos(), message.isDuplicate());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // publish() waits for the acknowledgement itself.
                }
            });
            client.connect(o);
            return new Paho3Client(client, options.url(), options.connectTimeout());
        } catch (MqttException e) {
            closeQuietly(client);
            throw connectFailure(options.url(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void closeQuietly(MqttClient client) {
        if (client != null) {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // Nothing was open.
            }
        }
    }

    static DeviceException connectFailure(String url, MqttException e) {
        int code = e.getReasonCode();
        if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return new DeviceException(Fault.AUTHENTICATION_FAILED, url,
                    "the broker refused the user name or password (MQTT 3.1.1 return code " + code + ")", e);
        }
        if (code == MqttException.REASON_CODE_SERVER_CONNECT_ERROR || code == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            return new DeviceException(Fault.PORT_NOT_FOUND, url, "cannot connect to the broker: " + cause, e);
        }
        return new DeviceException(Fault.REJECTED, url, "the broker refused the connection: " + e.getMessage()
                + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), e);
    }

    @Override
    public void subscribe(String filter, int qos) throws DeviceException {
        try {
            client.subscribe(filter, qos);
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
