package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values were produced by CPython 3 {@code json.dumps(json.loads(input), separators=(",", ":"))}. */
class PythonCompactJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{ \"b\" : 1, \"a\" : [ 1 , 2 ] }                | {\"b\":1,\"a\":[1,2]}",
            "{\"a\": 1, \"a\": 2, \"b\": 3}                  | {\"a\":2,\"b\":3}",
            "\"caf\u00e9\"                                   | \"caf\\u00e9\"",
            "\"\uD83D\uDE00\"                                | \"\\ud83d\\ude00\"",
            "\"\\u00E9\"                                     | \"\\u00e9\"",
            "\"a/b\\/c\"                                     | \"a/b/c\"",
            "\"q\\\"b\\\\\"                                  | \"q\\\"b\\\\\"",
            "\"\\t\\n\\r\\b\\f\\u0001\\u001f\\u007f\"        | \"\\t\\n\\r\\b\\f\\u0001\\u001f\\u007f\"",
            "\"\\ud800\"                                     | \"\\ud800\"",
            "[true,false,null]                               | [true,false,null]",
            "12345678901234567890123                         | 12345678901234567890123",
            "-0                                              | 0",
            "[1.0, 1.50, 1e2, 1E-2]                          | [1.0,1.5,100.0,0.01]",
            "[NaN, Infinity, -Infinity, 1e400]               | [NaN,Infinity,-Infinity,Infinity]"})
    void reSerialisesLikePython(String input, String python) {
        assertThat(PythonCompactJson.reserialise(input.getBytes(StandardCharsets.UTF_8))).contains(python);
    }

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
        assertThat(PythonCompactJson.pythonFloatRepr(value)).isEqualTo(repr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"a\":1} trailing", "{\"a\":"})
    void nothingForBodiesPythonCouldNotHaveParsed(String body) {
        assertThat(PythonCompactJson.reserialise(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
