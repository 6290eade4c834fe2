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
    @ValueSource(strings = {"", "not json", "{\"a\":1} trailing", "{\"a\":"})
    void nothingForBodiesPythonCouldNotHaveParsed(String body) {
        assertThat(PythonCompactJson.reserialise(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
