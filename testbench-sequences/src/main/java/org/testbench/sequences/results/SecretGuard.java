package org.testbench.sequences.results;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the store's {@link SecretFilter} to every free text before it is written. Secrets can be added
 * while runs record (a key the MDMS hands out mid-run), from any thread: the filter is swapped atomically.
 */
final class SecretGuard {

    private static final Logger log = LoggerFactory.getLogger(SecretGuard.class);

    private final AtomicReference<SecretFilter> filter = new AtomicReference<>(SecretFilter.none());

    void add(SecretFilter secrets) {
        filter.updateAndGet(current -> current.with(secrets));
    }

    /**
     * @param where what the text is, for the warning: "evidence 'mdms response' of step …"
     * @return the text without secrets; null stays null
     */
    String clean(String text, Supplier<String> where) {
        SecretFilter.Redaction redaction = filter.get().redact(text);
        if (redaction.removed() > 0) {
            // The caller should have redacted: say so loudly, but never with the secret.
            log.warn("removed {} occurrence(s) of a protected secret from {} before storing it", redaction.removed(),
                    where.get());
        }
        return redaction.text();
    }
}
