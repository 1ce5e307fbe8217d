package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;

import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.Priority;
import gurux.dlms.enums.ServiceClass;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The public DLMS security suite 0 test vector (NOTES.md): a get-request for the clock, ciphered
 * with authentication and encryption. Checked twice: by the JDK's AES-GCM alone, and in the frame
 * our management client actually builds.
 */
class SuiteZeroTestVectorTests {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EK = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
    private static final byte[] AK = HEX.parseHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    private static final byte[] SYSTEM_TITLE = HEX.parseHex("4D4D4D0000BC614E");
    private static final int INVOCATION_COUNTER = 0x01234567;
    private static final byte SECURITY_CONTROL = 0x30; // authenticated and encrypted, suite 0
    private static final byte[] PLAINTEXT = HEX.parseHex("C0010000080000010000FF0200");
    private static final String CIPHERTEXT_AND_TAG = "411312ff935a47566827c467bc7d825c3be4a77c3fcc056b6b";

    @Test
    void jdkAesGcmReproducesTheVector() throws Exception {
        byte[] iv = ByteBuffer.allocate(12).put(SYSTEM_TITLE).putInt(INVOCATION_COUNTER).array();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(EK, "AES"), new GCMParameterSpec(96, iv));
        gcm.updateAAD(ByteBuffer.allocate(1 + AK.length).put(SECURITY_CONTROL).put(AK).array());
        assertThat(HEX.formatHex(gcm.doFinal(PLAINTEXT))).isEqualTo(CIPHERTEXT_AND_TAG);
    }

    @Test
    void managementClientCiphersAGetRequestExactlyAsTheVector() throws Exception {
        SessionOptions options = new SessionOptions(Duration.ofSeconds(1), 1, SYSTEM_TITLE, true);
        GXDLMSSecureClient client = GuruxClients.forClient(DlmsFraming.WRAPPER, DlmsClient.MANAGEMENT,
                ServerAddress.MANAGEMENT_LOGICAL_DEVICE, options, null, EK.clone(), AK.clone(), INVOCATION_COUNTER);
        // The vector's invoke-id-and-priority byte is 0x00.
        client.setPriority(Priority.NORMAL);
        client.setServiceClass(ServiceClass.UN_CONFIRMED);
        client.setInvokeID(0);
        client.setAutoIncreaseInvokeID(false);

        byte[][] frames = client.read(StandardObis.CLOCK.logicalName(), ObjectType.CLOCK, 2);

        assertThat(frames.length).isEqualTo(1);
        String frame = HEX.formatHex(frames[0]);
        assertThat(frame).endsWith("30" + "01234567" + CIPHERTEXT_AND_TAG);
        assertThat(frame).contains("c8" + "1e" + "30"); // glo-get-request, length 30
    }
}
