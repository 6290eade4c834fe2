package io.reflector.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.api.ByteRange.Request;

class ByteRangeTest {
    private static final long LENGTH = 1000;

    @Test
    void theThreeFormsOfOneRange() {
        assertThat(ByteRange.parse("bytes=0-99", LENGTH)).isEqualTo(new Request.Partial(new ByteRange(0, 99)));
        assertThat(ByteRange.parse("bytes=900-", LENGTH)).isEqualTo(new Request.Partial(new ByteRange(900, 999)));
        assertThat(ByteRange.parse("bytes=-100", LENGTH)).isEqualTo(new Request.Partial(new ByteRange(900, 999)));
    }

    @Test
    void aRangePastTheEndIsCutToTheObject() {
        assertThat(ByteRange.parse("bytes=990-5000", LENGTH)).isEqualTo(new Request.Partial(new ByteRange(990, 999)));
        assertThat(ByteRange.parse("bytes=-5000", LENGTH)).isEqualTo(new Request.Partial(new ByteRange(0, 999)));
        assertThat(new ByteRange(990, 999).length()).isEqualTo(10);
        assertThat(new ByteRange(990, 999).bytes()).isEqualTo("990-999");
    }

    @Test
    void aRangeThatStartsAtOrPastTheEndCannotBeServed() {
        assertThat(ByteRange.parse("bytes=1000-", LENGTH)).isInstanceOf(Request.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", LENGTH)).isInstanceOf(Request.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", LENGTH)).isInstanceOf(Request.Unsatisfiable.class);
    }

    /** RFC 9110: a Range the server does not understand or serve is ignored, and the whole object sent. */
    @Test
    void whatWeDoNotServeGetsTheWholeObject() {
        assertThat(ByteRange.parse(null, LENGTH)).isInstanceOf(Request.Whole.class);
        assertThat(ByteRange.parse("bytes=0-1,5-6", LENGTH)).isInstanceOf(Request.Whole.class);
        assertThat(ByteRange.parse("items=0-1", LENGTH)).isInstanceOf(Request.Whole.class);
        assertThat(ByteRange.parse("bytes=-", LENGTH)).isInstanceOf(Request.Whole.class);
        assertThat(ByteRange.parse("bytes=9-3", LENGTH)).isInstanceOf(Request.Whole.class);
    }
}
