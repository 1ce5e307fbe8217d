/**
 * How the simulated MDMS's dialects check credentials: OAuth2 client credentials with the lab's own token
 * endpoint (RFC 6749 §4.4), and an API key (header, query or cookie) or HTTP basic. The reference API's fixed
 * bearer token is {@link org.testbench.lab.mdms.http.BearerToken}. No class here logs or repeats a secret.
 */
package org.testbench.lab.mdms.auth;
