package org.testbench.lab.mdms.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lab MDMS's request log names a query's parameters, never their values: an API key may be one of them. */
class RequestLogTests {

    @Test
    void aQueryIsLoggedByItsParametersNamesOnly() {
        assertThat(MdmsHttpServer.queryNames("serialNumber=26000001&api_key=k3y-s3cr3t"))
                .isEqualTo("?serialNumber=…&api_key=…").doesNotContain("s3cr3t");
        assertThat(MdmsHttpServer.queryNames("flag")).isEqualTo("?flag");
        assertThat(MdmsHttpServer.queryNames(null)).isEmpty();
    }
}
