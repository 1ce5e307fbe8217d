package org.testbench.lab.mdms.http;

/** Answers one operation; errors are thrown as {@link org.testbench.lab.mdms.service.ServiceException}. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
