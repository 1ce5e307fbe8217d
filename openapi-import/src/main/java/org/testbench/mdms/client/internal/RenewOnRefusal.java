package org.testbench.mdms.client.internal;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.client.RequestAuthentication;

/**
 * Sends a request once more when the MDMS refused its credentials (401) and the authentication could get new
 * ones (an OAuth2 access token revoked or expired early). Once only: a second 401 is the answer. A 401 means the
 * MDMS did nothing, so a command is not executed twice.
 */
public final class RenewOnRefusal implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RenewOnRefusal.class);

    private final RequestAuthentication authentication;

    public RenewOnRefusal(RequestAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (response.code() != 401 || request.header("Authorization") == null
                || !authentication.renewAfterRefusal()) {
            return response;
        }
        Request.Builder again = request.newBuilder();
        try {
            authentication.apply(new RequestAuthentication.CredentialTarget() {
                @Override
                public void header(String name, String value) {
                    again.header(name, value);
                }

                @Override
                public void queryParameter(String name, String value) {
                    again.url(request.url().newBuilder().setQueryParameter(name, value).build());
                }

                @Override
                public void cookie(String name, String value) {
                    // Cookie credentials are never renewed (an API key does not change).
                }
            });
        } catch (RequestAuthentication.AuthenticationException e) {
            LOG.warn("{}: new credentials could not be had after a refusal: {}", authentication.scheme(),
                    e.getMessage());
            return response;
        }
        Request renewed = again.build();
        if (request.headers().equals(renewed.headers()) && request.url().equals(renewed.url())) {
            return response; // nothing new to offer
        }
        LOG.debug("{} {}: credentials refused (401), sent once more with renewed ones ({})", request.method(),
                request.url().encodedPath(), authentication.scheme());
        response.close();
        return chain.proceed(renewed);
    }
}
