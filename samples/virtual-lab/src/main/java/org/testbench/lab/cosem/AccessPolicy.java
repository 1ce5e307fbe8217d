package org.testbench.lab.cosem;

import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.enums.AssociationStatus;

/**
 * Who may read what and invoke which method, by the client's role in the meter's type.
 *
 * <ul>
 * <li>Reading clients (the public client 16, an LLS reader such as 32, an HLS-SHA256 reader such as 48): read what
 * their {@link org.testbench.lab.meter.ReadScope} allows, never an association secret; no method but the HLS reply
 * that completes a high-level association, and nothing else until it is complete.</li>
 * <li>Management client (1): every read plus remote disconnect/reconnect, the end of
 * billing script and writing the consumer message (display), but only through authenticated and encrypted APDUs (its security policy) and,
 * apart from the HLS reply that completes it, only once the association is established.</li>
 * </ul>
 * Keys are not attributes of any object, so no read can return them.
 */
final class AccessPolicy {

    private static final int REPLY_TO_HLS_AUTHENTICATION = 1;
    private static final int REMOTE_DISCONNECT = 1;
    private static final int REMOTE_RECONNECT = 2;
    private static final int EXECUTE = 1;
    private static final int VALUE = 2;

    private final CosemObjectModel objects;

    AccessPolicy(CosemObjectModel objects) {
        this.objects = objects;
    }

    AccessMode attributeAccess(GXDLMSAssociationLogicalName association, GXDLMSObject target, int attribute,
            boolean protectedRequest) {
        if (association == null || CosemObjectModel.isAssociationSecret(target, attribute)) {
            return AccessMode.NO_ACCESS;
        }
        boolean management = objects.isManagement(association);
        if (management && !(protectedRequest && isEstablished(association))) {
            return AccessMode.NO_ACCESS;
        }
        if (!management && objects.clientOf(association).authentication().isHighLevel()
                && !isEstablished(association)) {
            return AccessMode.NO_ACCESS;
        }
        if (!management && !objects.inScope(objects.clientOf(association).reads(), association, target)) {
            return AccessMode.NO_ACCESS;
        }
        if (management && target == objects.consumerMessage() && attribute == VALUE) {
            return AccessMode.READ_WRITE;
        }
        return AccessMode.READ;
    }

    MethodAccessMode methodAccess(GXDLMSAssociationLogicalName association, GXDLMSObject target, int method,
            boolean protectedRequest) {
        if (association != null && !objects.isManagement(association)) {
            // A reader invokes nothing but the HLS reply of its own high-level association, which is unciphered.
            return target == association && method == REPLY_TO_HLS_AUTHENTICATION
                    && objects.clientOf(association).authentication().isHighLevel()
                    ? MethodAccessMode.ACCESS : MethodAccessMode.NO_ACCESS;
        }
        if (association == null || !protectedRequest) {
            return MethodAccessMode.NO_ACCESS;
        }
        if (target == association && method == REPLY_TO_HLS_AUTHENTICATION) {
            return MethodAccessMode.ACCESS;
        }
        if (!isEstablished(association)) {
            return MethodAccessMode.NO_ACCESS;
        }
        if (target != null && target == objects.disconnectControl() && (method == REMOTE_DISCONNECT || method == REMOTE_RECONNECT)) {
            return MethodAccessMode.ACCESS;
        }
        if (target == objects.endOfBillingScriptTable() && method == EXECUTE) {
            return MethodAccessMode.ACCESS;
        }
        return MethodAccessMode.NO_ACCESS;
    }

    private static boolean isEstablished(GXDLMSAssociationLogicalName association) {
        return association.getAssociationStatus() == AssociationStatus.ASSOCIATED;
    }
}
