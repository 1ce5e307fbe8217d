/**
 * The bench's credentials for an MDMS, one {@link org.testbench.mdms.client.RequestAuthentication} per scheme
 * real MDMSs use: API key (header, query or cookie), HTTP basic, OAuth2 client credentials (token cached until
 * it expires, renewed once when refused); the bearer token is {@link org.testbench.mdms.client.BearerToken}.
 * {@link org.testbench.mdms.client.auth.MdmsAuthentication} chooses the scheme from the document's
 * {@code securitySchemes} and the bench's {@link org.testbench.mdms.client.auth.AuthSettings}. Secrets come
 * from environment variables, prompts, keystores or a lab's 0600 secret file, never from a configuration file,
 * and never appear in a message or {@code toString()}.
 */
package org.testbench.mdms.client.auth;
