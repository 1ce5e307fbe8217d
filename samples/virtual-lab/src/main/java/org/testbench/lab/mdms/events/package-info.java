/**
 * The MDMS's side of event notifications: it subscribes to the alert topics, checks each payload's
 * signature against the meter's key, deduplicates by event id and keeps the records that
 * {@code listEventNotifications} answers; the event fault profiles make it misbehave.
 */
package org.testbench.lab.mdms.events;
