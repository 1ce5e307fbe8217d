package org.testbench.sequences.profile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.profile.RegisterSum;
import org.testbench.drivers.profile.OpticalLink;
import org.testbench.drivers.profile.ValueForm;

/**
 * Writes a {@link MeterProfile} in the format {@link MeterProfileReader} reads, each entry optionally
 * followed by a comment that says why it was chosen ({@code testbench discover} explains its guesses).
 */
public final class MeterProfileWriter {

    private MeterProfileWriter() {
    }

    /**
     * @param header   comment lines at the top (without '#')
     * @param comments by key ("optical", "addresses", "clients.reader", "objects.serial", ...): why
     */
    public static String write(MeterProfile p, java.util.List<String> header, Map<String, String> comments) {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append("# ").append(line).append('\n');
        }
        line(out, "", "profile: " + MeterProfileReader.VERSION, comments.get("profile"));
        line(out, "", "meter: " + quoted(p.meter()), comments.get("meter"));
        OpticalLink o = p.optical();
        StringBuilder optical = new StringBuilder("optical: {mode: " + (o.mode() == OpticalLink.Mode.E ? "E" : "hdlc")
                + ", baud: " + o.baud());
        if (!o.baudSwitchDelay().isZero()) {
            optical.append(", baud_switch_delay: ").append(duration(o.baudSwitchDelay()));
        }
        if (!o.wakeUp().isZero()) {
            optical.append(", wake_up: ").append(duration(o.wakeUp()));
        }
        line(out, "", optical.append('}').toString(), comments.get("optical"));
        line(out, "", "ami: {framing: " + p.ami().framing().name().toLowerCase(java.util.Locale.ROOT) + "}",
                comments.get("ami"));
        String physical = p.addresses().physical().external();
        line(out, "", "addresses: {logical: " + p.addresses().logical()
                + (physical.isEmpty() ? "" : ", physical: " + physical) + "}", comments.get("addresses"));
        out.append("clients:\n");
        for (ClientJob job : ClientJob.values()) {
            Optional<DlmsClient> c = p.clients().of(job);
            if (c.isEmpty() || job == ClientJob.PUBLIC && c.get().equals(DlmsClient.PUBLIC)
                    && !comments.containsKey("clients.public")) {
                continue;
            }
            line(out, "  ", job.key() + ": " + client(c.get()), comments.get("clients." + job.key()));
        }
        out.append("objects:\n");
        for (MeterObject object : MeterObject.values()) {
            Optional<ObjectLocation> at = p.objects().locate(object);
            line(out, "  ", object.key() + ": " + at.map(MeterProfileWriter::location).orElse("none"),
                    comments.get("objects." + object.key()));
        }
        return out.toString();
    }

    /** The short form when the profile says no more than the code, else {obis: ..., class: ..., form: ...}. */
    private static String location(ObjectLocation at) {
        if (at.plain()) {
            return at.obis().toString();
        }
        if (at.sum().isPresent()) {
            RegisterSum sum = at.sum().get();
            return "{sum: [" + sum.parts().stream().map(MeterProfileWriter::location)
                    .collect(java.util.stream.Collectors.joining(", ")) + "]"
                    + sum.mdmsCode().map(c -> ", mdms: " + c).orElse("") + "}";
        }
        StringBuilder s = new StringBuilder("{obis: " + at.obis());
        at.kind().ifPresent(kind -> s.append(", class: ").append(kind.classId()));
        if (at.form() != ValueForm.WHOLE) {
            s.append(", form: ").append(at.form().external());
        }
        return s.append('}').toString();
    }

    private static String client(DlmsClient c) {
        StringBuilder s = new StringBuilder("{address: " + c.address() + ", authentication: "
                + c.authentication().external());
        if (c.needsKeys()) {
            s.append(", security: ").append(c.security().external()).append(", suite: ").append(c.suite());
        }
        c.passwordVariable().ifPresent(v -> s.append(", ").append(c.authentication().secretVariableKey()).append(": ")
                .append(v));
        return s.append('}').toString();
    }

    private static void line(StringBuilder out, String indent, String text, String comment) {
        out.append(indent).append(text);
        if (comment != null && !comment.isBlank()) {
            out.append("   # ").append(comment.replace('\n', ' '));
        }
        out.append('\n');
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String duration(Duration d) {
        return d.toMillis() + " ms";
    }
}
