package io.reflector.ingest.pipeline;

/** A recording that cannot be processed, for a reason worth showing on its transcript. */
public class PipelineFailure extends RuntimeException {
    private final FailureKind kind;

    public PipelineFailure(String message) {
        this(message, FailureKind.TRANSIENT);
    }

    public PipelineFailure(String message, FailureKind kind) {
        super(message);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The reason of a caught exception as it goes on the transcript: its message, else what it is. */
    public static String reason(Exception cause) {
        return cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    }
}
