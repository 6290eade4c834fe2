package io.reflector.ingest.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats written as Reflector's Python wrote them into JSON, for receivers and signatures that depend on the exact
 * text: the Whereby webhook's re-serialisation and the room webhook's payload.
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    /** Python's float repr: the shortest digits that read back as the same double; exponent form outside 1e-4..1e16. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return sign + (plain.indexOf('.') >= 0 ? plain : plain + ".0");
    }

    private static BigDecimal shortestRoundTrip(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        int precision = 1;
        BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        // 17 significant digits always read back as the same double, so the loop ends by then.
        while (Double.parseDouble(candidate.toString()) != positive) {
            precision++;
            candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        }
        return candidate.stripTrailingZeros();
    }
}
