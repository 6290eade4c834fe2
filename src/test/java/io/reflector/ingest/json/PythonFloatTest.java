package io.reflector.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are CPython 3's {@code repr(float(value))}. */
class PythonFloatTest {

    @ParameterizedTest
    @CsvSource({
            "0.30000000000000004, 0.30000000000000004",
            "1e16, 1e+16",
            "1e-5, 1e-05",
            "123456789012345.6, 123456789012345.6",
            "1234567890123456.7, 1234567890123456.8",
            "5e-324, 5e-324",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "0.0001, 0.0001",
            "1e22, 1e+22",
            "100.0, 100.0",
            "2.5e-7, 2.5e-07",
            "1708972279.961, 1708972279.961",
            "-1.5, -1.5",
            "-0.0, -0.0",
            "0.0, 0.0"})
    void writesFloatsAsPythonsRepr(double value, String repr) {
        assertThat(PythonFloat.repr(value)).isEqualTo(repr);
    }
}
