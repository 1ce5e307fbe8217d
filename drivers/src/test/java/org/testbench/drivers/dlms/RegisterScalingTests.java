package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;

import gurux.dlms.GXUInt32;
import gurux.dlms.GXUInt64;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A register's value times ten to its scaler is the decimal the meter meant, whatever its data type. */
class RegisterScalingTests {

    @Test
    void anIntegerCountOfHundredthsIsThatDecimalNotTheDoubleProductGuruxMakes() {
        // 57 * 0.01 is 0.5700000000000001 in double arithmetic: a reading a scaler off by one ulp.
        assertThat(57 * 0.01).isNotEqualTo(0.57);
        assertThat(RegisterScaling.scaled(57L, 0.01)).isEqualTo(0.57);
        assertThat(RegisterScaling.scaled(new GXUInt32(1_234_567L), 0.01)).isEqualTo(12_345.67);
        assertThat(RegisterScaling.scaled(36, 0.001)).isEqualTo(0.036);
    }

    @Test
    void unsignedSixtyFourBitValuesAboveLongMaxKeepTheirMagnitude() {
        GXUInt64 big = new GXUInt64(new BigInteger("18446744073709551615"));
        assertThat(RegisterScaling.scaled(big, 0.1)).isEqualTo(1.8446744073709551615e18);
    }

    @Test
    void floatsAreScaledFromTheirDecimalFormAndKilowattHoursBecomeWattHours() {
        assertThat(0.012345678 * 1000.0).isNotEqualTo(12.345678);
        assertThat(RegisterScaling.scaled(0.012345678, 1000)).isEqualTo(12.345678);
        assertThat(RegisterScaling.scaled(12.5f, 1000)).isEqualTo(12_500.0);
        assertThat(RegisterScaling.scaled(1.1f, 1)).isEqualTo(1.1);
        assertThat(RegisterScaling.scaled(Double.NaN, 1000)).isEqualTo(Double.NaN);
    }

    @Test
    void wholeCountsWithScalerZeroStayWholeAndPositiveScalersMultiply() {
        assertThat(RegisterScaling.scaled(12_345L, 1)).isEqualTo(12_345L);
        assertThat(RegisterScaling.scaled(12, 1000)).isEqualTo(12_000.0);
        assertThat(RegisterScaling.scaled(-7, 0.1)).isEqualTo(-0.7);
    }
}
