package org.testbench.lab.cosem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import gurux.dlms.GXDateTime;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.ClockStatus;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.Unit;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.objects.GXDLMSScript;
import gurux.dlms.objects.GXDLMSScriptTable;
import gurux.dlms.objects.GXDLMSSecuritySetup;
import gurux.dlms.objects.enums.ApplicationContextName;
import gurux.dlms.objects.enums.ControlMode;
import gurux.dlms.objects.enums.ControlState;
import gurux.dlms.objects.enums.SecurityPolicy;
import gurux.dlms.objects.enums.SecuritySuite;
import gurux.dlms.objects.enums.SortMethod;

import org.testbench.lab.keys.ClientSecrets;
import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.meter.ClientAuthentication;
import org.testbench.lab.meter.EnergyRegisters;
import org.testbench.lab.meter.MeterClient;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterSnapshot;
import org.testbench.lab.meter.MeterState;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.ReadScope;

/**
 * The COSEM objects of one meter, as one connection's Gurux server sees them.
 *
 * <p>Gurux servers keep protocol state in their objects, so every connection gets its own set;
 * {@link #refresh} copies the meter's shared physical state into them before a read is answered.
 */
final class CosemObjectModel {

    /** Largest APDU either association accepts; the event log then needs block transfer, as on real meters. */
    static final int MAX_PDU_SIZE = 1024;

    private static final int END_OF_BILLING_SCRIPT = 1;
    private static final int ASSOCIATION_SECRET_ATTRIBUTE = 7;

    /** One association per client the meter type knows, in the type's order; the first is Gurux's own. */
    private final Map<GXDLMSAssociationLogicalName, MeterClient> associations = new LinkedHashMap<>();
    private final GXDLMSAssociationLogicalName managementAssociation;
    private final GXDLMSSecuritySetup securitySetup;
    private final GXDLMSData serial;
    private final GXDLMSData logicalDeviceName;
    private final GXDLMSData firmware;
    private final GXDLMSClock clock;
    private final ZoneId clockZone;
    private final EnergyRegisters energy;
    /** Null for a type that keeps import energy only per tariff ({@link #importTariffs}). */
    private final GXDLMSRegister importEnergy;
    private final List<GXDLMSRegister> importTariffs;
    /** Null when the meter type has no export register. */
    private final GXDLMSRegister exportEnergy;
    /** Null when the meter type has no disconnect control. */
    private final GXDLMSDisconnectControl disconnectControl;
    private final GXDLMSData eventCode;
    private final GXDLMSProfileGeneric eventLog;
    private final GXDLMSScriptTable endOfBilling;
    private final GXDLMSData billingPeriodCounter;
    private final GXDLMSData invocationCounter;
    private final GXDLMSData consumerMessage;

    CosemObjectModel(MeterIdentity identity, MeterKeys keys, ClientSecrets secrets) {
        MeterType type = identity.type();
        GXDLMSAssociationLogicalName management = null;
        int reader = 0;
        for (MeterClient client : type.clients()) {
            GXDLMSAssociationLogicalName association;
            if (client.management()) {
                association = association(ObisCodes.MANAGEMENT_ASSOCIATION, client.address(), type.logicalAddress(),
                        Authentication.HIGH_GMAC, ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING);
                association.setSecuritySetupReference(ObisCodes.SECURITY_SETUP);
                management = association;
            } else {
                // Public client's association first (0.0.40.0.1.255), further readers after the management's.
                String logicalName = reader == 0 ? ObisCodes.PUBLIC_ASSOCIATION : "0.0.40.0." + (reader + 2) + ".255";
                reader++;
                association = association(logicalName, client.address(), type.logicalAddress(), gurux(client.authentication()),
                        ApplicationContextName.LOGICAL_NAME);
                if (client.authentication() == ClientAuthentication.LOW) {
                    // The secret attribute is never readable (AccessPolicy); the check is onValidateAuthentication's.
                    association.setSecret(secrets.llsPassword().orElseThrow(() -> new IllegalStateException(
                            "meter " + identity.serial() + " of type " + type + " needs an LLS password")).bytes());
                } else if (client.authentication().usesHlsSecret()) {
                    // Gurux hashes the challenges with it in HLS pass 3 and 4; never readable (AccessPolicy).
                    association.setSecret(secrets.hlsSecret().orElseThrow(() -> new IllegalStateException(
                            "meter " + identity.serial() + " of type " + type + " needs an HLS secret")).bytes());
                }
            }
            associations.put(association, client);
        }
        managementAssociation = management;
        securitySetup = securitySetup(identity, keys);

        serial = type.serialObis().map(obis -> data(obis, DataType.STRING, identity.serial())).orElse(null);
        logicalDeviceName = data(ObisCodes.LOGICAL_DEVICE_NAME, DataType.OCTET_STRING,
                identity.logicalDeviceName().getBytes(StandardCharsets.US_ASCII));
        firmware = data(ObisCodes.ACTIVE_FIRMWARE_ID, DataType.STRING, identity.firmware());
        clock = new GXDLMSClock(ObisCodes.CLOCK);
        clockZone = type.clockZone();
        energy = type.energy();
        importEnergy = energy.tariffsOnly() ? null : energyRegister(energy.importObis(), energy);
        importTariffs = energy.importTariffs().stream().map(obis -> energyRegister(obis, energy)).toList();
        exportEnergy = type.hasExportRegister() ? energyRegister(energy.exportObis(), energy) : null;
        if (type.hasDisconnectControl()) {
            disconnectControl = new GXDLMSDisconnectControl(ObisCodes.DISCONNECT_CONTROL);
            disconnectControl.setControlMode(ControlMode.values()[type.controlMode().value()]);
        } else {
            disconnectControl = null;
        }
        eventCode = data(ObisCodes.STANDARD_EVENT_CODE, DataType.UINT16, 0);
        eventLog = eventLog(clock, eventCode);
        endOfBilling = new GXDLMSScriptTable(ObisCodes.END_OF_BILLING_SCRIPT_TABLE);
        GXDLMSScript script = new GXDLMSScript();
        script.setId(END_OF_BILLING_SCRIPT);
        endOfBilling.getScripts().add(script);
        billingPeriodCounter = data(ObisCodes.BILLING_PERIOD_COUNTER, DataType.UINT16, 0);
        invocationCounter = data(ObisCodes.INVOCATION_COUNTER, DataType.UINT32, 0L);
        consumerMessage = data(ObisCodes.CONSUMER_MESSAGE, DataType.OCTET_STRING, new byte[0]);
    }

    private static GXDLMSAssociationLogicalName association(String logicalName, int clientAddress,
            int serverAddress, Authentication authentication, ApplicationContextName context) {
        GXDLMSAssociationLogicalName association = new GXDLMSAssociationLogicalName(logicalName);
        association.setClientSAP(clientAddress);
        association.setServerSAP((short) serverAddress);
        association.getAuthenticationMechanismName().setMechanismId(authentication);
        association.getApplicationContextName().setContextId(context);
        association.getXDLMSContextInfo().setMaxReceivePduSize(MAX_PDU_SIZE);
        association.getXDLMSContextInfo().setMaxSendPduSize(MAX_PDU_SIZE);
        return association;
    }

    private static GXDLMSSecuritySetup securitySetup(MeterIdentity identity, MeterKeys keys) {
        GXDLMSSecuritySetup setup = new GXDLMSSecuritySetup(ObisCodes.SECURITY_SETUP);
        setup.setSecuritySuite(SecuritySuite.SUITE_0);
        setup.setSecurityPolicy(EnumSet.of(SecurityPolicy.AUTHENTICATED_REQUEST, SecurityPolicy.ENCRYPTED_REQUEST,
                SecurityPolicy.AUTHENTICATED_RESPONSE, SecurityPolicy.ENCRYPTED_RESPONSE));
        setup.setServerSystemTitle(identity.systemTitle());
        setup.setGuek(keys.encryptionKey());
        setup.setGak(keys.authenticationKey());
        return setup;
    }

    private static GXDLMSData data(String logicalName, DataType type, Object value) {
        GXDLMSData data = new GXDLMSData(logicalName);
        data.setDataType(2, type);
        data.setValue(value);
        return data;
    }

    private static GXDLMSRegister energyRegister(String logicalName, EnergyRegisters energy) {
        GXDLMSRegister register = energy.extended() ? new GXDLMSExtendedRegister(logicalName)
                : new GXDLMSRegister(logicalName);
        register.setUnit(Unit.ACTIVE_ENERGY);
        // Gurux takes the scaler as a multiplier and sends its exponent.
        register.setScaler(Math.pow(10, energy.scaler()));
        register.setDataType(2, switch (energy.valueType()) {
            case DOUBLE_LONG_UNSIGNED -> DataType.UINT32;
            case LONG64_UNSIGNED -> DataType.UINT64;
            case FLOAT64 -> DataType.FLOAT64;
        });
        register.setValue(energy.raw(0));
        if (register instanceof GXDLMSExtendedRegister extended) {
            extended.setStatus(0);
            extended.setDataType(4, DataType.UINT8);
        }
        return register;
    }

    private static GXDLMSProfileGeneric eventLog(GXDLMSClock clock, GXDLMSData eventCode) {
        GXDLMSProfileGeneric log = new GXDLMSProfileGeneric(ObisCodes.STANDARD_EVENT_LOG);
        log.addCaptureObject(clock, 2, 0);
        log.addCaptureObject(eventCode, 2, 0);
        // Asynchronous capture (an entry per event): no capture period, so Gurux starts no thread.
        log.setCapturePeriod(0);
        log.setSortMethod(SortMethod.FIFO);
        log.setSortObject(clock);
        log.setProfileEntries(MeterState.EVENT_LOG_CAPACITY);
        return log;
    }

    private static Authentication gurux(ClientAuthentication authentication) {
        return switch (authentication) {
            case NONE -> Authentication.NONE;
            case LOW -> Authentication.LOW;
            case HLS_MD5 -> Authentication.HIGH_MD5;
            case HLS_SHA1 -> Authentication.HIGH_SHA1;
            case HLS_GMAC -> Authentication.HIGH_GMAC;
            case HLS_SHA256 -> Authentication.HIGH_SHA256;
        };
    }

    /** The association Gurux receives in its constructor: the type's first client's. */
    GXDLMSAssociationLogicalName firstAssociation() {
        return associations.keySet().iterator().next();
    }

    /** Every association, in the type's order of clients. */
    Set<GXDLMSAssociationLogicalName> associations() {
        return associations.keySet();
    }

    /** The association of a client address, if the meter knows that client. */
    Optional<GXDLMSAssociationLogicalName> associationOf(int clientAddress) {
        return associations.entrySet().stream().filter(entry -> entry.getValue().address() == clientAddress)
                .map(Map.Entry::getKey).findFirst();
    }

    /** The client an association belongs to. */
    MeterClient clientOf(GXDLMSAssociationLogicalName association) {
        return associations.get(association);
    }

    /** True if a client with this read scope may read the target at all. */
    boolean inScope(ReadScope scope, GXDLMSAssociationLogicalName association, GXDLMSObject target) {
        boolean associationObjects = target == association || target == invocationCounter;
        return switch (scope) {
            case ASSOCIATION -> associationObjects;
            case IDENTITY -> associationObjects || target == serial || target == logicalDeviceName
                    || target == firmware || target == clock;
            case ALL -> true;
        };
    }

    GXDLMSAssociationLogicalName managementAssociation() {
        return managementAssociation;
    }

    boolean isManagement(GXDLMSAssociationLogicalName association) {
        return association == managementAssociation;
    }

    GXDLMSDisconnectControl disconnectControl() {
        return disconnectControl;
    }

    GXDLMSScriptTable endOfBillingScriptTable() {
        return endOfBilling;
    }

    GXDLMSData invocationCounter() {
        return invocationCounter;
    }

    GXDLMSData consumerMessage() {
        return consumerMessage;
    }

    static boolean isEndOfBillingScript(Object scriptId) {
        return scriptId instanceof Number && ((Number) scriptId).intValue() == END_OF_BILLING_SCRIPT;
    }

    static boolean isAssociationSecret(GXDLMSObject target, int attribute) {
        return target instanceof GXDLMSAssociationLogicalName && attribute == ASSOCIATION_SECRET_ATTRIBUTE;
    }

    /** Every object except the first association, which Gurux receives in its constructor; none absent. */
    List<GXDLMSObject> otherObjects() {
        List<GXDLMSObject> objects = new ArrayList<>(associations.keySet());
        objects.remove(firstAssociation());
        objects.addAll(Arrays.asList(securitySetup, invocationCounter, serial, logicalDeviceName, firmware, clock,
                importEnergy, exportEnergy, disconnectControl, eventCode, eventLog, endOfBilling,
                billingPeriodCounter, consumerMessage));
        objects.addAll(importTariffs);
        objects.removeIf(Objects::isNull);
        return objects;
    }

    /** Services each association offers; the public client cannot use SET or ACTION successfully anyway. */
    static Set<Conformance> conformance(boolean management) {
        Set<Conformance> services = EnumSet.of(Conformance.GET, Conformance.SET, Conformance.ACTION,
                Conformance.SELECTIVE_ACCESS, Conformance.MULTIPLE_REFERENCES,
                Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ);
        if (management) {
            // Lets a client choose general-glo-ciphering instead of glo-ciphered services.
            services.add(Conformance.GENERAL_PROTECTION);
        }
        return services;
    }

    /** Copies the meter's state into the objects a client is about to read. */
    void refresh(MeterSnapshot snapshot, Instant now) {
        refreshClock(now);
        if (importEnergy != null) {
            refreshEnergy(importEnergy, snapshot.importMicroWattHours(), now);
        }
        List<Long> shares = energy.tariffShares(snapshot.importMicroWattHours());
        for (int i = 0; i < importTariffs.size(); i++) {
            refreshEnergy(importTariffs.get(i), shares.get(i), now);
        }
        if (exportEnergy != null) {
            refreshEnergy(exportEnergy, snapshot.exportMicroWattHours(), now);
        }
        if (disconnectControl != null) {
            disconnectControl.setOutputState(snapshot.relayClosed());
            disconnectControl.setControlState(ControlState.values()[snapshot.controlState().value()]);
        }
        List<MeterEvent> events = snapshot.events();
        Object[][] rows = new Object[events.size()][];
        for (int i = 0; i < rows.length; i++) {
            MeterEvent event = events.get(i);
            rows[i] = new Object[] {new GXDateTime(Date.from(event.timestamp())), event.code()};
        }
        // setBuffer also sets entries_in_use; addRow would not.
        eventLog.setBuffer(rows);
        if (!events.isEmpty()) {
            eventCode.setValue(events.get(events.size() - 1).code());
        }
        billingPeriodCounter.setValue(snapshot.billingPeriodCounter());
        invocationCounter.setValue(snapshot.lastAcceptedInvocationCounter());
        consumerMessage.setValue(snapshot.displayMessage().getBytes(StandardCharsets.US_ASCII));
    }

    private void refreshEnergy(GXDLMSRegister register, long microWattHours, Instant now) {
        register.setValue(energy.raw(microWattHours));
        if (register instanceof GXDLMSExtendedRegister extended) {
            extended.setCaptureTime(new GXDateTime(Date.from(now)));
        }
    }

    private void refreshClock(Instant now) {
        ZoneRules rules = clockZone.getRules();
        ZoneOffset standardOffset = rules.getStandardOffset(now);
        boolean daylightSaving = rules.isDaylightSavings(now);
        // The meter keeps local time of its zone; the date-time carries that zone's deviation and the DST flag.
        java.util.Calendar local = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone(clockZone));
        local.setTimeInMillis(now.toEpochMilli());
        GXDateTime time = new GXDateTime(local);
        if (daylightSaving) {
            time.setStatus(EnumSet.of(ClockStatus.DAYLIGHT_SAVE_ACTIVE));
        }
        clock.setTime(time);
        // COSEM time_zone is the deviation of local standard time to UTC: UTC+1 is -60.
        clock.setTimeZone(-standardOffset.getTotalSeconds() / 60);
        clock.setStatus(daylightSaving ? EnumSet.of(ClockStatus.DAYLIGHT_SAVE_ACTIVE) : EnumSet.of(ClockStatus.OK));
        clock.setEnabled(!rules.isFixedOffset());
        clock.setDeviation((int) rules.getDaylightSavings(now).toMinutes());
    }
}
