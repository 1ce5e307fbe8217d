package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.headend.ContactListener;

/**
 * The meters the MDMS knows (from installation) and the state of their communication, which the
 * head-end updates after every contact attempt. Thread-safe.
 */
public final class MeterRegistry implements ContactListener {

    private final Map<String, MdmsMeter> meters;
    private final List<MdmsMeter> bySerial;
    private final Map<String, Communication> communication = new ConcurrentHashMap<>();

    public MeterRegistry(List<MdmsMeter> meters) {
        Map<String, MdmsMeter> index = new LinkedHashMap<>();
        for (MdmsMeter meter : meters) {
            if (index.put(meter.serial(), meter) != null) {
                throw new IllegalArgumentException("two meters with serial " + meter.serial());
            }
        }
        this.meters = Map.copyOf(index);
        this.bySerial = meters.stream().sorted(Comparator.comparing(MdmsMeter::serial)).toList();
    }

    public Optional<MdmsMeter> find(String serial) {
        return Optional.ofNullable(meters.get(serial));
    }

    public int size() {
        return bySerial.size();
    }

    /** Meters ordered by serial, {@code limit} from {@code offset}. */
    public List<MdmsMeter> page(int offset, int limit) {
        int from = Math.min(offset, bySerial.size());
        return bySerial.subList(from, Math.min(bySerial.size(), from + limit));
    }

    public List<MdmsMeter> all() {
        return bySerial;
    }

    public Communication communication(String serial) {
        return communication.getOrDefault(serial, Communication.NEVER);
    }

    @Override
    public void contacted(String serial, boolean answered, Instant at) {
        communication.merge(serial, Communication.NEVER.after(answered, at),
                (previous, ignored) -> previous.after(answered, at));
    }
}
