/**
 * Event notifications in the virtual lab (docs/events.md): the gateway that turns the meters' events
 * into signed JSON payloads and publishes them over MQTT, the payload and its canonical signed form,
 * and the embedded broker that serves the lab unless an external one is given.
 */
package org.testbench.lab.events;
