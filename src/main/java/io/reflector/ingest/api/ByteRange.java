package io.reflector.ingest.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an object of known length (RFC 9110 §14): {@code bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffixLength}.
 *
 * @param first the first byte served
 * @param last  the last byte served, inclusive
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** What a Range header asks of an object of that length. */
    sealed interface Request {
        /** No Range header, or one we do not serve (several ranges, another unit, bad syntax): send it all. */
        record Whole() implements Request {
        }

        record Partial(ByteRange range) implements Request {
        }

        /** A range that starts past the end: 416. */
        record Unsatisfiable() implements Request {
        }
    }

    static Request parse(String header, long length) {
        if (header == null) {
            return new Request.Whole();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return new Request.Whole();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                return suffix == 0 || length == 0 ? new Request.Unsatisfiable()
                        : new Request.Partial(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? length - 1 : Long.parseLong(matcher.group(2));
            if (first >= length) {
                return new Request.Unsatisfiable();
            }
            if (last < first) {
                return new Request.Whole();
            }
            return new Request.Partial(new ByteRange(first, Math.min(last, length - 1)));
        } catch (NumberFormatException e) {
            // more digits than a long holds: not a range of any object we have
            return new Request.Unsatisfiable();
        }
    }

    long length() {
        return last - first + 1;
    }

    /** The value of S3's {@code Range} parameter and of our {@code Content-Range}'s first part. */
    String bytes() {
        return first + "-" + last;
    }
}
