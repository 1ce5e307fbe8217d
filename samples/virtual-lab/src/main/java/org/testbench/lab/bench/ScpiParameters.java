package org.testbench.lab.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one command as the client wrote them, separated by commas (a comma inside a
 * channel list {@code (@1,2)} does not separate), with typed accessors that turn a bad parameter
 * into the SCPI error the contract asks for.
 */
final class ScpiParameters {

    /** Decimal, optional exponent, optional unit suffix (with or without a space): {@code 2.3E2 V}. */
    private static final Pattern NUMBER_WITH_SUFFIX =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([A-Za-z]*)");
    /** A channel list with exactly one channel: {@code (@3)}. */
    private static final Pattern SINGLE_CHANNEL = Pattern.compile("\\(\\s*@\\s*(\\d+)\\s*\\)");

    private final String command;
    private final List<String> values;

    private ScpiParameters(String command, List<String> values) {
        this.command = command;
        this.values = values;
    }

    /**
     * Splits the text after the header.
     *
     * @param command how error messages name the command, e.g. {@code ROUTe:AMI}
     */
    static ScpiParameters parse(String command, String text) throws ScpiCommandException {
        List<String> values = new ArrayList<>();
        if (!text.isBlank()) {
            int depth = 0;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth < 0) {
                        throw unbalanced(command, text);
                    }
                } else if (c == ',' && depth == 0) {
                    values.add(text.substring(start, i).strip());
                    start = i + 1;
                }
            }
            if (depth != 0) {
                throw unbalanced(command, text);
            }
            values.add(text.substring(start).strip());
        }
        return new ScpiParameters(command, List.copyOf(values));
    }

    private static ScpiCommandException unbalanced(String command, String text) {
        return new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                "unbalanced parentheses in the parameters of " + command + ": " + ScpiText.echo(text));
    }

    /** A command that takes fewer parameters than were sent fails instead of ignoring the rest. */
    void requireAtMost(int count) throws ScpiCommandException {
        if (values.size() > count) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR, command + " takes " + count + " parameter"
                    + (count == 1 ? "" : "s") + ", got " + values.size());
        }
    }

    /**
     * A position written as {@code (@N)}, N in 1..positions.
     */
    int position(int index, int positions) throws ScpiCommandException {
        String text = required(index, "a position (@N)");
        Matcher channel = SINGLE_CHANNEL.matcher(text);
        if (!channel.matches()) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    command + " expects one position as (@N), got " + ScpiText.echo(text));
        }
        BigInteger position = new BigInteger(channel.group(1));
        if (position.compareTo(BigInteger.ONE) < 0 || position.compareTo(BigInteger.valueOf(positions)) > 0) {
            throw new ScpiCommandException(ScpiErrorCode.DATA_OUT_OF_RANGE,
                    "position " + ScpiText.quotable(shortened(channel.group(1))) + " (1.." + positions + ")");
        }
        return position.intValueExact();
    }

    /** A number in the setting's range, optionally followed by its unit (any case). */
    double number(int index, NumericSetting setting) throws ScpiCommandException {
        String text = required(index, "a " + setting.name() + " in " + setting.unit());
        Matcher number = NUMBER_WITH_SUFFIX.matcher(text);
        if (!number.matches()) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    command + " expects a " + setting.name() + " in " + setting.unit() + ", got " + ScpiText.echo(text));
        }
        String suffix = number.group(2);
        if (!suffix.isEmpty() && !suffix.equalsIgnoreCase(setting.unit())) {
            throw new ScpiCommandException(ScpiErrorCode.INVALID_SUFFIX, ScpiText.echo(suffix) + " in "
                    + ScpiText.echo(text) + ", " + command + " takes " + setting.unit());
        }
        double value = Double.parseDouble(number.group(1));
        if (!setting.contains(value)) {
            throw new ScpiCommandException(ScpiErrorCode.DATA_OUT_OF_RANGE, setting.name() + " "
                    + shortened(number.group(1)) + " " + setting.unit() + " (" + setting.range() + ")");
        }
        return value;
    }

    /** {@code ON}/{@code OFF}, or {@code 1}/{@code 0} as SCPI booleans allow. */
    boolean onOff(int index) throws ScpiCommandException {
        String text = required(index, "ON or OFF");
        switch (text.toUpperCase(Locale.ROOT)) {
            case "ON", "1" -> {
                return true;
            }
            case "OFF", "0" -> {
                return false;
            }
            default -> throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    command + " expects ON or OFF, got " + ScpiText.echo(text));
        }
    }

    /** A tamper kind: {@code COVer} or {@code MAGNet} (short or long form, any case). */
    org.testbench.lab.meter.Tamper tamper(int index) throws ScpiCommandException {
        String text = required(index, "COVER or MAGNET");
        try {
            return org.testbench.lab.meter.Tamper.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    command + " expects COVER or MAGNET, got " + ScpiText.echo(text));
        }
    }

    private String required(int index, String expected) throws ScpiCommandException {
        if (index >= values.size() || values.get(index).isEmpty()) {
            throw new ScpiCommandException(ScpiErrorCode.MISSING_PARAMETER,
                    command + " needs " + expected + (index == 0 ? "" : " as parameter " + (index + 1)));
        }
        return values.get(index);
    }

    private static String shortened(String digits) {
        return digits.length() <= 12 ? digits : digits.substring(0, 12) + "...";
    }
}
