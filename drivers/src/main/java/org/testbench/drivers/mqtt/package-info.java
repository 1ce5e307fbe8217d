/**
 * The bench's MQTT client for event notifications: MQTT 5 and 3.1.1 (Eclipse Paho), TLS with a CA
 * and an optional client certificate, user name and password; subscriptions by topic filter, every
 * received message timestamped on arrival. Passwords are never logged or shown.
 */
package org.testbench.drivers.mqtt;
